"""The search page: one box across every registered kind (programmes, projects, places…).

Without a kind, the best hits of each kind are shown grouped, each group
linking to all its hits; with a kind, its hits are paged. A kind with facets
(programmes) can be narrowed by them (each facet value is a link that
toggles it), which switches to that kind's list. Works as plain GET links
and forms; htmx only swaps the results in place while typing. Everything
shown is what the signed-in user may find (``queries``).
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import queries, registry
from .forms import SearchForm

PER_PAGE = 20
PER_GROUP = 5


def _facet_links(request, kind: str, groups) -> None:
    """Give every facet value the query string that toggles it (page reset, its kind shown)."""
    for group in groups:
        for value in group.values:
            params = request.GET.copy()
            params.pop("page", None)
            params["kind"] = kind
            chosen = [v for v in params.getlist(group.name) if v != value.value]
            if not value.selected:
                chosen.append(value.value)
            params.setlist(group.name, chosen)
            value.query = params.urlencode()


def _clear_facets_query(request, kind) -> str:
    params = request.GET.copy()
    for facet in kind.facets if kind else ():
        params.pop(facet.name, None)
    params.pop("page", None)
    return params.urlencode()


def _faceted_kind(kind: str, data):
    """The kind whose facets the page shows: the chosen kind if it has facets; with no kind
    chosen, the first kind with facets (the one whose facet values the query string names, if any)."""
    if kind:
        chosen = registry.get(kind)
        return chosen if chosen.facets else None
    faceted = registry.faceted()
    for candidate in faceted:
        if any(data.getlist(facet.name) for facet in candidate.facets):
            return candidate
    return faceted[0] if faceted else None


@login_required
@require_GET
def search_page(request):
    form = SearchForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    query = data.get("q", "")
    kind = data.get("kind", "")
    page = data.get("page") or 1
    faceted = _faceted_kind(kind, request.GET)
    selected = queries.clean_selection(faceted.name, request.GET) if faceted else {}
    if selected:
        kind = faceted.name
    context = {
        "form": form,
        "query": query,
        "kind": kind,
        "kinds": registry.choices(),
        "selected": selected,
        "page": page,
        "faceted_kind": faceted,
        "browse_kinds": [k for k in registry.faceted() if k.browse_label],
        "clear_facets_query": _clear_facets_query(request, faceted),
    }
    user = request.user
    searched = bool(query) or bool(selected) or (bool(kind) and faceted is not None and faceted.name == kind)
    if kind and faceted is not None and faceted.name == kind:
        results = queries.faceted_search(kind, query, selected, user=user, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
        _facet_links(request, kind, results.facets)
        context.update(hits=results.hits, total=results.total, facets=results.facets)
    elif kind and query:
        groups = queries.search_grouped(query, [kind], per_kind=PER_PAGE, offset=(page - 1) * PER_PAGE, user=user)
        group = groups[0] if groups else queries.Group(kind=kind, hits=[], total=0)
        context.update(hits=group.hits, total=group.total)
    elif query:
        context["groups"] = queries.search_grouped(query, per_kind=PER_GROUP, user=user)
        context["total"] = sum(g.total for g in context["groups"])
        if faceted is not None:
            facets = queries.facets_for_query(faceted.name, query, user=user)
            _facet_links(request, faceted.name, facets)
            context["facets"] = facets
    if "total" in context:
        pages = max(1, -(-context["total"] // PER_PAGE))
        context["pages"] = pages
        context["has_previous"] = page > 1
        context["has_next"] = "groups" not in context and page < pages
    context["searched"] = searched
    context["index_empty"] = searched and not context.get("total") and queries.index_is_empty()
    return render(request, "search/search.html", context)
