"""Bow Out's scenario engine: load, validate and render scenario files.

Plain Python on plain data. Nothing here imports MkDocs: `hooks/bow_out_hooks.py` adapts it.
"""
