"""One module per `subkit` subcommand: parse arguments, call the library, print, exit."""
