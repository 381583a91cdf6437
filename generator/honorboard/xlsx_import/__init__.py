"""``honorboard import``: Excel sheets merged into the hand-written YAML (in progress).

    yamledit.py   round-trip YAML (ruamel.yaml): comments, order, quotes and layout kept
"""
