"""The search page: one box across programmes, projects, places and organisations.

Without a kind, the best hits of each kind are shown grouped, each group
linking to all its hits; with a kind, its hits are paged. Programmes can be
narrowed by facets (each facet value is a link that toggles it), which
switches to the programme list. Works as plain GET links and forms; htmx
only swaps the results in place while typing.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import queries
from .forms import SearchForm
from .models import Kind

PER_PAGE = 20
PER_GROUP = 5


def _facet_links(request, groups) -> None:
    """Give every facet value the query string that toggles it (page reset, programmes shown)."""
    for group in groups:
        for value in group.values:
            params = request.GET.copy()
            params.pop("page", None)
            params["kind"] = Kind.PROGRAM
            chosen = [v for v in params.getlist(group.name) if v != value.value]
            if not value.selected:
                chosen.append(value.value)
            params.setlist(group.name, chosen)
            value.query = params.urlencode()


def _clear_facets_query(request) -> str:
    params = request.GET.copy()
    for name in queries.FACETS:
        params.pop(name, None)
    params.pop("page", None)
    return params.urlencode()


@login_required
@require_GET
def search_page(request):
    form = SearchForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    query = data.get("q", "")
    kind = data.get("kind", "")
    page = data.get("page") or 1
    selected = queries.clean_selection(request.GET)
    if selected:
        kind = Kind.PROGRAM
    context = {
        "form": form,
        "query": query,
        "kind": kind,
        "kinds": Kind.choices,
        "selected": selected,
        "page": page,
        "clear_facets_query": _clear_facets_query(request),
    }
    searched = bool(query) or bool(selected) or kind == Kind.PROGRAM
    if kind == Kind.PROGRAM:
        results = queries.search_programs(query, selected, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
        _facet_links(request, results.facets)
        context.update(hits=results.hits, total=results.total, facets=results.facets)
    elif kind and query:
        group = queries.search_grouped(query, [kind], per_kind=PER_PAGE, offset=(page - 1) * PER_PAGE)[0]
        context.update(hits=group.hits, total=group.total)
    elif query:
        context["groups"] = queries.search_grouped(query, per_kind=PER_GROUP)
        context["total"] = sum(g.total for g in context["groups"])
        facets = queries.facets_for_query(query)
        _facet_links(request, facets)
        context["facets"] = facets
    if "total" in context:
        pages = max(1, -(-context["total"] // PER_PAGE))
        context["pages"] = pages
        context["has_previous"] = page > 1
        context["has_next"] = "groups" not in context and page < pages
    context["searched"] = searched
    context["index_empty"] = searched and not context.get("total") and queries.index_is_empty()
    return render(request, "search/search.html", context)
