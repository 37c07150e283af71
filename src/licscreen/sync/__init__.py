"""Reading a real SuperOffice installation into a mirror store (issue 14).

A source (the database: ``db_source``; the REST API: ``api_source``) reads an installation into
one :class:`licscreen.sync.snapshot.Snapshot`; the store applies a snapshot in one transaction.
Plain Python: never imports Textual or Rich.
"""
