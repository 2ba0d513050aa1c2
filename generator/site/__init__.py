"""The MkDocs glue: the plugin, the post-build audit, git dates."""
