"""Admin page of event webhooks: subscribe a URL, see its deliveries, redeliver, remove."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from ideaportal.core.errors import INPUT_ERRORS
from ideaportal.core.forms import attach_error
from ideaportal.core.i18n import gettext as _
from ideaportal.core.permissions import require
from ideaportal.webhooks import services
from ideaportal.webhooks.forms import SubscriptionForm

bp = Blueprint("webhooks", __name__)


@bp.route("/admin/webhooks", methods=["GET", "POST"])
@login_required
def subscriptions() -> str:
    require(current_user, "manage_webhooks")
    form = SubscriptionForm()
    secret: str | None = None
    created = None
    if form.validate_on_submit():
        try:
            created, secret = services.subscribe(
                current_user,
                url=form.url.data,
                events=form.events.data or [],
                description=form.description.data or "",
            )
        except INPUT_ERRORS as exc:
            attach_error(form, exc)
        else:
            form = SubscriptionForm(formdata=None)
    items = services.list_subscriptions(current_user)
    return render_template(
        "webhooks/subscriptions.html",
        form=form,
        items=[(s, services.deliveries_of(current_user, s, limit=5)) for s in items],
        secret=secret,
        created=created,
    )


@bp.post("/admin/webhooks/<int:subscription_id>/toggle")
@login_required
def toggle(subscription_id: int) -> Response:
    item = services.get_subscription(current_user, subscription_id)
    services.update_subscription(current_user, item, active=not item.active)
    flash(
        _("%(url)s is on.", url=item.url) if item.active else _("%(url)s is paused.", url=item.url),
        "success",
    )
    return redirect(url_for("webhooks.subscriptions"))


@bp.post("/admin/webhooks/<int:subscription_id>/delete")
@login_required
def delete(subscription_id: int) -> Response:
    item = services.get_subscription(current_user, subscription_id)
    services.unsubscribe(current_user, item)
    flash(_("The subscription is removed; nothing more is sent there."), "success")
    return redirect(url_for("webhooks.subscriptions"))


@bp.post("/admin/webhook-deliveries/<int:delivery_id>/redeliver")
@login_required
def redeliver(delivery_id: int) -> Response:
    delivery = services.get_delivery(current_user, delivery_id)
    services.redeliver(current_user, delivery)
    flash(_("Queued for delivery again."), "success")
    return redirect(url_for("webhooks.subscriptions"))
