"""``netscan serve``: the upload page, a thin web client of the pipeline (SPEC §3, §8).

`netscan.web.app.create_app` builds the Starlette app from `ServeSettings`; `guard` refuses
what must never reach the disk (wrong Host, missing token, cross-site POST) before a body is
read; `upload` streams a multipart body into a private temporary folder under a byte cap. The
analysis itself is `netscan.commands.analyze.analyse`, the same call `netscan analyze` makes.
"""
