"""Between Us: the site's checks and generators as plain functions over Markdown, HTML and data.

Nothing here imports MkDocs: the hooks in hooks/*.py are thin event shells around these functions,
so the logic survives a change of site generator.
"""
