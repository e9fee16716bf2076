"""Import and export of the whole catalogue as YAML and Excel (docs/catalogue-format.md).

- ``export``: the catalogue as canonical dictionaries, then as YAML or a workbook;
- ``readers``: a YAML file or a workbook → raw programmes with the location of every value;
- ``importer``: raw programmes → validated programmes, a preview of what would change,
  and the all-or-nothing write;
- ``forms``, ``views``: the export downloads and the import page with its preview
  (template ``templates/programs/transfer/import.html``);
- ``seed``, ``seed_update``: the catalogue seeded from the research reference file
  (``data/programs.yaml``) and kept in step with it without undoing coordinators' edits.
"""
