"""Applications (申請) of projects to support programmes, and their statistics.

- ``actions``: every write to an application (status steps, undo, documents), the
  access helpers and the project page's panel;
- ``forms``, ``views``: the application pages (add from a project, detail with the
  next steps, edit, status steps, documents, delete / restore) and the statistics page;
- ``stats``: applications, adoptions, adoption rate and money obtained by 年度 and provider.
Templates: ``templates/programs/applications/``.
"""
