"""Moving a portal: export to and import from versioned NDJSON files, ideas from a
spreadsheet, and online backups of the SQLite database."""
