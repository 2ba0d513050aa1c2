"""The command line: check, schema, new, diff."""
