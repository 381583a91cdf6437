"""The data layer: ``data/`` read with positions, checked (every problem at once), linked into
a typed model. Knows nothing of pages, pictures or engines."""
