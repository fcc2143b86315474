"""Catalogue of administrative procedures ("thủ tục hành chính").

Where things are:

- models.py       Sector (snippet), ProcedureIndexPage (the catalogue, with a route per
                  sector), Procedure (a page) and its orderables: steps, dossier
                  components (with official templates), fee rules, legal basis links.
- constants.py    service levels 1–4 with their Nghị định 42/2022 names, methods, fee kinds.
- text.py         the diacritic-insensitive normaliser behind search.
- selectors.py    catalogue listing, filters, search, export records.
- operations.py   import of national-catalogue records (all rows checked, one transaction).
- interchange.py  the JSON and CSV file formats and their field names.
- admin_views.py  import/export in the admin; wagtail_hooks.py wires menus and snippets.
- demo.py         the demo procedures that `manage.py load_demo` loads.
"""
