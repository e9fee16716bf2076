"""Import and export of the whole catalogue as YAML and Excel (docs/catalogue-format.md).

- ``export``: the catalogue as canonical dictionaries, then as YAML or a workbook;
- ``readers``: a YAML file or a workbook → raw programmes with the location of every value;
- ``importer``: raw programmes → validated programmes, a preview of what would change,
  and the all-or-nothing write.
"""
