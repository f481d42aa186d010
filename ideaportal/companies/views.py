"""The admin's company page: list, create and change companies, import a CSV."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from ideaportal.companies import services
from ideaportal.companies.forms import CompanyForm, CompanyImportForm
from ideaportal.core.errors import INPUT_ERRORS
from ideaportal.core.forms import attach_error
from ideaportal.core.i18n import gettext as _
from ideaportal.core.permissions import require

bp = Blueprint("companies", __name__, url_prefix="/admin/companies")

MAX_CSV_BYTES = 2 * 1024 * 1024


@bp.route("", methods=["GET", "POST"])
@bp.route("/<int:company_id>", methods=["GET", "POST"])
@login_required
def manage(company_id: int | None = None) -> str | Response:
    require(current_user, "manage_companies")
    company = services.get_company(current_user, company_id) if company_id else None
    form = CompanyForm(obj=company)
    if request.method == "GET" and company is not None:
        form.monthly_revenue.data = str(company.monthly_revenue)
    if form.validate_on_submit():
        try:
            saved = services.save_company(
                current_user,
                company,
                name=form.name.data,
                plan=form.plan.data,
                monthly_revenue=form.monthly_revenue.data,
                segment=form.segment.data,
            )
        except INPUT_ERRORS as exc:
            attach_error(form, exc)
        else:
            flash(_("Company %(name)s saved.", name=saved.name), "success")
            return redirect(url_for("companies.manage"))
    return _page(form, company)


def _page(form: CompanyForm, company: object, import_form: CompanyImportForm | None = None) -> str:
    segment = request.args.get("segment") or None
    return render_template(
        "companies/manage.html",
        form=form,
        company=company,
        import_form=import_form or CompanyImportForm(prefix="import"),
        companies=services.list_companies(current_user, segment),
        members=services.member_counts(),
        segments=services.segments(),
        segment=segment,
    )


@bp.post("/import")
@login_required
def import_csv() -> str | Response:
    require(current_user, "manage_companies")
    form = CompanyImportForm(prefix="import")
    if form.validate_on_submit():
        raw = form.file.data.read(MAX_CSV_BYTES + 1)
        if len(raw) > MAX_CSV_BYTES:
            form.file.errors = [_("The file is larger than 2 MB.")]
        else:
            try:
                report = services.import_csv(current_user, raw.decode("utf-8", "replace"))
            except INPUT_ERRORS as exc:
                attach_error(form, exc)
            else:
                if report.problems:
                    form.file.errors = [_("Nothing was imported:"), *report.problems[:20]]
                else:
                    flash(
                        _(
                            "Imported: %(created)s new, %(updated)s changed, "
                            "%(members)s people assigned.",
                            created=report.created,
                            updated=report.updated,
                            members=report.members,
                        ),
                        "success",
                    )
                    return redirect(url_for("companies.manage"))
    return _page(CompanyForm(formdata=None), None, form)
