"""The catalogue of support programmes (支援メニュー): pages, forms, filters, history, reads and writes.

- ``queries``: read paths (the list queryset, window status in SQL, search, access helpers);
- ``actions``: every write to a programme, its terms by 年度 and its windows;
- ``forms``, ``filters``, ``views``: the programme list, page and forms;
- ``history``: a programme's history with that of its terms and windows;
- ``search``: what programmes put in the search index.
Templates: ``templates/programs/catalogue/``.
"""
