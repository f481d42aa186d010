"""/api/v1/kpis: the community dashboard's figures and daily series."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from marshmallow import Schema, fields, validate

from ideaportal.api import auth
from ideaportal.api.blueprint import bp
from ideaportal.api.operations import operation
from ideaportal.community import kpis
from ideaportal.core.model_base import utcnow
from ideaportal.core.permissions import require
from ideaportal.core.request_input import DAY_PATTERN, FIRST_DAY, LAST_DAY

MAX_DAYS = 366


class KpiQuery(Schema):
    end = fields.Date(
        validate=validate.Range(min=FIRST_DAY, max=LAST_DAY),
        metadata={
            "description": "The day after the period (default: tomorrow), 1900-8999",
            "pattern": DAY_PATTERN,
        },
    )
    days = fields.Integer(
        load_default=30,
        validate=validate.Range(min=1, max=MAX_DAYS),
        metadata={"description": "Length of the period in days"},
    )


class KpiSchema(Schema):
    key = fields.String(required=True)
    label = fields.String(required=True)
    value = fields.Float(required=True, allow_none=True)
    previous = fields.Float(required=True, allow_none=True)
    change = fields.Float(required=True, allow_none=True, metadata={"description": "Percent"})
    unit = fields.String(required=True)
    better = fields.String(required=True, metadata={"enum": ["up", "down"]})


class KpiReport(Schema):
    start = fields.Date(required=True)
    end = fields.Date(required=True)
    kpis = fields.List(fields.Nested(KpiSchema), required=True)
    series = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.Raw()),
        required=True,
        metadata={"description": "days: ISO dates; each series: a count per day"},
    )


@operation(
    bp,
    "/kpis",
    "GET",
    summary="Community KPIs and daily series",
    tag="KPIs",
    scope="admin",
    query=KpiQuery,
    response=KpiReport,
    description="What the community dashboard shows, for product and community managers.",
)
def kpi_report(caller: Any, args: dict[str, Any]) -> dict[str, Any]:
    require(auth.member(caller), "community_dashboard", None, "The KPIs are for staff.")
    end: date = args.get("end") or utcnow().date() + timedelta(days=1)
    start = end - timedelta(days=args["days"])
    p = kpis.period(start, end)
    return {"start": start, "end": end, "kpis": kpis.dashboard(p), "series": kpis.series(p)}
