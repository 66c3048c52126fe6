"""The `upward` command line."""
