"""Signed licence files and the update flow: load, review, resolve, activate.

Plain Python over the store, like ``licscreen.store``: never imports Textual. The file format
is documented in ``docs/licence-file.md``.
"""
