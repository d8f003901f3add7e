"""The submission rules, one module per group: each check is a function declared with `@rule`.

The registry of codes imports every module of this package (a package scan), so a rule
module cannot be forgotten; the framework the rules use is in `submission_kit.lint`.
"""
