"""Pages of councils and meetings: thin views over ``queries`` (reading) and ``actions`` (writing)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from tsunagu.core.concurrency import ConcurrentEditError
from tsunagu.core.history import history_entries, history_preview, render_history_page
from tsunagu.org.models import Department

from . import actions, queries
from .forms import (
    ActionItemForm,
    AgendaItemForm,
    AttendanceForm,
    CouncilForm,
    DecisionForm,
    DocumentForm,
    ExtendSeriesForm,
    GroupForm,
    MarkActionForm,
    MeetingForm,
    MembershipForm,
    SeriesForm,
)
from .models import (
    ActionItem,
    AgendaDocument,
    AgendaItem,
    Attendance,
    Council,
    CouncilGroup,
    Decision,
    Meeting,
    MeetingSeries,
    Membership,
)

FORM_TEMPLATE = "coordination/meetings/form.html"


def _require_manager(user) -> None:
    if not queries.may_manage(user):
        raise PermissionDenied(_("Only the International Policy Division changes councils and meetings."))


def _form_page(request, *, form, title: str, back_url: str, save, success: str, multipart: bool = False):
    """Show ``form``; on a valid POST call ``save(form)`` (an action; it returns the page to go to next)."""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                next_url = save(form)
            except ConcurrentEditError as error:
                form.add_error(None, str(error))
                status = 409
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                messages.success(request, success)
                return redirect(next_url)
        else:
            status = 400
    return render(
        request, FORM_TEMPLATE,
        {"form": form, "title": title, "back_url": back_url, "multipart": multipart}, status=status,
    )


def _save(form, user):
    return actions.save_record(form.instance, acting_user=user, seen_version=form.seen_version, m2m=_m2m(form))


def _saving(user, url=None):
    """A ``save`` for ``_form_page``: the record saved through ``actions.save_record``, then its page (or ``url(record)``)."""

    def save(form) -> str:
        record = _save(form, user)
        return url(record) if url else record.get_absolute_url()

    return save


def _m2m(form) -> dict:
    return {
        name: form.cleaned_data[name]
        for name, field in form.fields.items()
        if name in form.cleaned_data and hasattr(field, "queryset") and getattr(field.widget, "allow_multiple_selected", False)
    }


# -- councils ----------------------------------------------------------------------------------


@login_required
@require_GET
def council_list(request):
    return render(
        request, "coordination/meetings/council_list.html",
        {"councils": queries.council_list(), "may_manage": queries.may_manage(request.user),
         "my_departments": list(request.user.departments.all())},
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_create(request):
    _require_manager(request.user)
    form = CouncilForm(request.POST or None, instance=Council())
    return _form_page(
        request, form=form, title=_("New council"), back_url=reverse("coordination:meetings:list"),
        save=_saving(request.user), success=_("The council was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_edit(request, pk: int):
    _require_manager(request.user)
    council = queries.get_council_for_user(request.user, pk)
    form = CouncilForm(request.POST or None, instance=council)
    return _form_page(
        request, form=form, title=_("Edit council"), back_url=council.get_absolute_url(),
        save=_saving(request.user), success=_("The council was saved."),
    )


@login_required
@require_GET
def council_detail(request, pk: int):
    council = queries.get_council_for_user(request.user, pk, include_deleted=True)
    page = queries.council_page(council)
    entries = history_entries(council)
    return render(
        request, "coordination/meetings/council_detail.html",
        {"page": page, "council": council, "may_manage": queries.may_manage(request.user),
         "history": history_preview(entries, reverse("coordination:meetings:history", args=["council", pk]))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request, pk: int):
    _require_manager(request.user)
    council = queries.get_council_for_user(request.user, pk)
    form = GroupForm(request.POST or None, instance=CouncilGroup(council=council))
    return _form_page(
        request, form=form, title=_("New group of %(council)s") % {"council": council}, back_url=council.get_absolute_url(),
        save=_saving(request.user), success=_("The group was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request, pk: int):
    _require_manager(request.user)
    group = get_object_or_404(CouncilGroup.objects.select_related("council"), pk=pk)
    form = GroupForm(request.POST or None, instance=group)
    return _form_page(
        request, form=form, title=_("Edit group"), back_url=group.council.get_absolute_url(),
        save=_saving(request.user), success=_("The group was saved."),
    )


def _members_of(membership) -> str:
    return membership.council.get_absolute_url() + "#members"


@login_required
@require_http_methods(["GET", "POST"])
def member_create(request, pk: int):
    _require_manager(request.user)
    council = queries.get_council_for_user(request.user, pk)
    form = MembershipForm(request.POST or None, instance=Membership(), council=council)
    return _form_page(
        request, form=form, title=_("New member of %(council)s") % {"council": council},
        back_url=council.get_absolute_url(), save=_saving(request.user, _members_of),
        success=_("The member was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, pk: int):
    _require_manager(request.user)
    membership = get_object_or_404(Membership.objects.select_related("council"), pk=pk)
    form = MembershipForm(request.POST or None, instance=membership, council=membership.council)
    return _form_page(
        request, form=form, title=_("Edit member"), back_url=membership.council.get_absolute_url(),
        save=_saving(request.user, _members_of), success=_("The member was saved."),
    )


# -- series ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def series_create(request, pk: int):
    _require_manager(request.user)
    council = queries.get_council_for_user(request.user, pk)
    form = SeriesForm(request.POST or None, instance=MeetingSeries(), council=council)
    return _form_page(
        request, form=form, title=_("New meeting series of %(council)s") % {"council": council},
        back_url=council.get_absolute_url(), save=_saving(request.user),
        success=_("The series was saved. Create its meetings below."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def series_edit(request, pk: int):
    _require_manager(request.user)
    series = get_object_or_404(MeetingSeries.objects.select_related("council"), pk=pk)
    form = SeriesForm(request.POST or None, instance=series, council=series.council)
    return _form_page(
        request, form=form, title=_("Edit meeting series"), back_url=series.get_absolute_url(),
        save=_saving(request.user), success=_("The series was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def series_detail(request, pk: int):
    series = get_object_or_404(MeetingSeries.objects.select_related("council", "group"), pk=pk)
    form = ExtendSeriesForm(request.POST or None)
    status = 200
    if request.method == "POST":
        _require_manager(request.user)
        if form.is_valid():
            try:
                created = actions.extend_series(series, form.cleaned_data["count"], acting_user=request.user)
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                messages.success(request, _("%(count)d meetings were created.") % {"count": len(created)})
                return redirect(series.get_absolute_url())
        else:
            status = 400
    meetings = list(Meeting.objects.filter(series=series).order_by("starts_at"))
    return render(
        request, "coordination/meetings/series_detail.html",
        {"series": series, "meetings": meetings, "form": form, "may_manage": queries.may_manage(request.user)},
        status=status,
    )


# -- meetings ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk: int):
    _require_manager(request.user)
    council = queries.get_council_for_user(request.user, pk)
    form = MeetingForm(request.POST or None, instance=Meeting(), council=council)
    return _form_page(
        request, form=form, title=_("New meeting of %(council)s") % {"council": council},
        back_url=council.get_absolute_url(), save=_saving(request.user), success=_("The meeting was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk: int):
    _require_manager(request.user)
    meeting = queries.get_meeting_for_user(request.user, pk)
    form = MeetingForm(request.POST or None, instance=meeting, council=meeting.council)
    return _form_page(
        request, form=form, title=_("Edit meeting"), back_url=meeting.get_absolute_url(),
        save=_saving(request.user), success=_("The meeting was saved."),
    )


@login_required
@require_GET
def meeting_detail(request, pk: int):
    meeting = queries.get_meeting_for_user(request.user, pk, include_deleted=True)
    content = queries.meeting_page(meeting)
    may_manage = queries.may_manage(request.user)
    for action in content["actions"]:
        action.may_mark = queries.may_mark_action(request.user, action)
    return render(
        request, "coordination/meetings/meeting_detail.html",
        {
            "meeting": meeting, **content, "may_manage": may_manage and not meeting.is_deleted,
            "may_restore": may_manage and meeting.is_deleted,
            "next_meeting": queries.next_meeting(meeting),
            "deleted": queries.deleted_children(meeting) if may_manage else [],
            "history": history_preview(
                history_entries(meeting), reverse("coordination:meetings:history", args=["meeting", pk])
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def carry_over(request, pk: int):
    _require_manager(request.user)
    meeting = queries.get_meeting_for_user(request.user, pk)
    target = queries.next_meeting(meeting)
    unreached = list(meeting.agenda_items.filter(status__in=actions.UNREACHED))
    error = None
    if request.method == "POST":
        try:
            copies = actions.carry_over(meeting, acting_user=request.user, target=target)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(
                request, _("%(count)d agenda items were carried over to “%(meeting)s”.")
                % {"count": len(copies), "meeting": target},
            )
            return redirect(target.get_absolute_url())
    return render(
        request, "coordination/meetings/carry_over.html",
        {"meeting": meeting, "target": target, "unreached": unreached, "error": error},
        status=400 if error else 200,
    )


# -- attendance, agenda, documents, decisions, action items -----------------------------------


def _child_views(model, form_class, *, title_new, title_edit, success: str, anchor_new: str, anchor_edit: str):
    """The create view (``pk`` = the meeting's) and the edit view (``pk`` = the record's) of a meeting's part."""

    def page(request, *, meeting, instance, title, anchor):
        form = form_class(request.POST or None, instance=instance, meeting=meeting)
        return _form_page(
            request, form=form, title=title, back_url=meeting.get_absolute_url(), success=success,
            save=_saving(request.user, lambda record: f"{meeting.get_absolute_url()}#{anchor}"),
        )

    @login_required
    @require_http_methods(["GET", "POST"])
    def create(request, pk: int):
        _require_manager(request.user)
        meeting = queries.get_meeting_for_user(request.user, pk)
        return page(request, meeting=meeting, instance=model(), title=title_new, anchor=anchor_new)

    @login_required
    @require_http_methods(["GET", "POST"])
    def edit(request, pk: int):
        _require_manager(request.user)
        instance = get_object_or_404(model.objects.select_related("meeting__council"), pk=pk)
        return page(request, meeting=instance.meeting, instance=instance, title=title_edit,
                    anchor=anchor_edit.format(pk=pk))

    return create, edit


attendance_create, attendance_edit = _child_views(
    Attendance, AttendanceForm, title_new=gettext_lazy("Add attendance"), title_edit=gettext_lazy("Edit attendance"),
    success=gettext_lazy("The attendance was saved."), anchor_new="attendance", anchor_edit="attendance",
)
item_create, item_edit = _child_views(
    AgendaItem, AgendaItemForm, title_new=gettext_lazy("New agenda item"),
    title_edit=gettext_lazy("Agenda item and its minutes"), success=gettext_lazy("The agenda item was saved."),
    anchor_new="agenda", anchor_edit="item-{pk}",
)
decision_create, decision_edit = _child_views(
    Decision, DecisionForm, title_new=gettext_lazy("New decision"), title_edit=gettext_lazy("Edit decision"),
    success=gettext_lazy("The decision was saved."), anchor_new="decisions", anchor_edit="decision-{pk}",
)
action_create, action_edit = _child_views(
    ActionItem, ActionItemForm, title_new=gettext_lazy("New action item"), title_edit=gettext_lazy("Edit action item"),
    success=gettext_lazy("The action item was saved."), anchor_new="actions", anchor_edit="action-{pk}",
)


def _local_next(request) -> str:
    """The ``?next=`` page the user came from (the department page links with it), if it is on this site."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure())
    return next_url if allowed else ""


@login_required
@require_http_methods(["GET", "POST"])
def action_mark(request, pk: int):
    """Mark an action item done (or open again): the assignee department's editors may, not only coordinators."""
    item = get_object_or_404(ActionItem.objects.select_related("meeting__council", "assignee_department"), pk=pk)
    if not queries.may_mark_action(request.user, item):
        raise PermissionDenied(_("Only the assigned department's editors and the International Policy Division mark this action."))
    done = item.status == ActionItem.Status.OPEN
    form = MarkActionForm(request.POST or None, initial={"version": item.version, "done_note": item.done_note})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            actions.mark_action(
                item, acting_user=request.user, done=done, note=form.cleaned_data["done_note"],
                seen_version=form.cleaned_data["version"],
            )
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
            status = 409
        else:
            messages.success(request, _("The action item is marked done.") if done else _("The action item is open again."))
            return redirect(_local_next(request) or item.get_absolute_url())
    return render(
        request, "coordination/meetings/action_mark.html", {"item": item, "form": form, "done": done}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request, pk: int):
    _require_manager(request.user)
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    return _form_page(
        request, form=form, title=_("Attach a document to “%(item)s”") % {"item": item.title},
        back_url=item.get_absolute_url(), multipart=True, success=_("The document was attached."),
        save=lambda f: _attach(request.user, item, f),
    )


def _attach(user, item: AgendaItem, form) -> str:
    actions.attach_document(item, acting_user=user, title=form.cleaned_data["title"], upload=form.cleaned_data["file"])
    return f"{item.meeting.get_absolute_url()}#item-{item.pk}"


@login_required
@require_GET
def document_download(request, pk: int):
    document = get_object_or_404(AgendaDocument.objects.select_related("agenda_item__meeting"), pk=pk)
    if document.agenda_item.is_deleted or document.agenda_item.meeting.is_deleted:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=document.original_name, content_type=document.content_type)


# -- delete and restore (every kind of record the same way) -----------------------------------

KINDS = {
    "council": Council, "group": CouncilGroup, "member": Membership, "series": MeetingSeries, "meeting": Meeting,
    "attendance": Attendance, "item": AgendaItem, "document": AgendaDocument, "decision": Decision,
    "action": ActionItem,
}


def _record_of_kind(kind: str, pk: int):
    model = KINDS.get(kind)
    if model is None:
        raise Http404
    return get_object_or_404(model.all_objects, pk=pk)


def _page_after(record) -> str:
    if isinstance(record, Council):
        return reverse("coordination:meetings:list") if record.is_deleted else record.get_absolute_url()
    if isinstance(record, Meeting):
        return record.council.get_absolute_url() if record.is_deleted else record.get_absolute_url()
    if isinstance(record, AgendaDocument):
        return record.agenda_item.meeting.get_absolute_url()
    if hasattr(record, "meeting"):
        return record.meeting.get_absolute_url()
    return record.council.get_absolute_url()


@login_required
@require_http_methods(["GET", "POST"])
def delete(request, kind: str, pk: int):
    _require_manager(request.user)
    record = _record_of_kind(kind, pk)
    if record.is_deleted:
        raise Http404
    if request.method == "POST":
        actions.delete_record(record, acting_user=request.user)
        messages.success(request, _("“%(record)s” was deleted. It can be restored.") % {"record": record})
        return redirect(_page_after(record))
    return render(
        request, "coordination/meetings/confirm.html",
        {"record": record, "kind": record._meta.verbose_name, "restore": False, "back_url": _page_after(record)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def restore(request, kind: str, pk: int):
    _require_manager(request.user)
    record = _record_of_kind(kind, pk)
    if not record.is_deleted:
        raise Http404
    error = None
    if request.method == "POST":
        try:
            actions.restore_record(record, acting_user=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
            record.refresh_from_db()
        else:
            messages.success(request, _("“%(record)s” was restored.") % {"record": record})
            return redirect(_page_after(record))
    return render(
        request, "coordination/meetings/confirm.html",
        {"record": record, "kind": record._meta.verbose_name, "restore": True, "back_url": _page_after(record),
         "error": error},
        status=400 if error else 200,
    )


@login_required
@require_GET
def history(request, kind: str, pk: int):
    """The full history of a council or a meeting (their pages show the latest changes)."""
    if kind not in ("council", "meeting"):
        raise Http404
    record = _record_of_kind(kind, pk)
    if record.is_deleted and not queries.may_manage(request.user):
        raise Http404
    return render_history_page(request, record=record, entries=history_entries(record, limit=1000),
                               back_url=record.get_absolute_url())


# -- what concerns a department ----------------------------------------------------------------


@login_required
@require_GET
def department_concerns(request, pk: int):
    department = get_object_or_404(Department, pk=pk)
    concerns = queries.department_concerns(department)
    for action in concerns.open_actions + concerns.done_actions:
        action.may_mark = queries.may_mark_action(request.user, action)
    return render(
        request, "coordination/meetings/department_concerns.html",
        {"concerns": concerns, "departments": Department.objects.all()},
    )


@login_required
@require_GET
def my_concerns(request):
    """The page of the department picked in the form (``?department=``), else of the user's own."""
    picked = request.GET.get("department", "")
    department = Department.objects.filter(pk=int(picked)).first() if picked.isdigit() else None
    department = department or request.user.departments.first()
    if department is None:
        return redirect("coordination:meetings:list")
    return redirect("coordination:meetings:department", pk=department.pk)


# -- 次第 and 議事録: the print pages and their PDFs --------------------------------------------

SHEETS = {"agenda", "minutes"}


def _sheet_context(request, pk: int, sheet: str) -> dict:
    if sheet not in SHEETS:
        raise Http404
    meeting = queries.get_meeting_for_user(request.user, pk)
    return {"meeting": meeting, "sheet": sheet, **queries.meeting_page(meeting)}


@login_required
@require_GET
def sheet(request, pk: int, sheet: str):
    context = _sheet_context(request, pk, sheet)
    return render(request, "coordination/meetings/sheet.html", {**context, "for_pdf": False})


@login_required
@require_GET
def sheet_pdf(request, pk: int, sheet: str):
    from .pdf import render_pdf

    context = _sheet_context(request, pk, sheet)
    data = render_pdf(request, "coordination/meetings/sheet.html", {**context, "for_pdf": True})
    response = HttpResponse(data, content_type="application/pdf")
    name = "gijiroku" if sheet == "minutes" else "shidai"
    response["Content-Disposition"] = f'attachment; filename="{name}-{context["meeting"].starts_at:%Y%m%d}-{pk}.pdf"'
    return response
