from submission_kit.cli import main

main()
