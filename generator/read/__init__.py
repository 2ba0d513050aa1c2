"""Stage 1, read: files under content/ → parsed YAML documents with positions."""
