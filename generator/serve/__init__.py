"""What a long-lived process (mkdocs serve) keeps between builds."""
