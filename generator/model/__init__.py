"""The editors' contract: record kinds, their fields, the JSON Schema, and the one error type."""
