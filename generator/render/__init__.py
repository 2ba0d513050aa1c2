"""Stage 5, render: fact base → Markdown pages and data files (engine-neutral)."""
