"""/api/v1 customer companies: admins keep them in step with a CRM. Their commercial data
(plan, revenue, segment) is staff-only and never shown to members."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from ideaportal.api import auth
from ideaportal.api.blueprint import bp
from ideaportal.api.common import StrictInt
from ideaportal.api.operations import operation
from ideaportal.companies import services as companies
from ideaportal.core.safe_text import SafeLine


class CompanySchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True, metadata={"example": "Acme Logistics"})
    plan = fields.String(allow_none=True, required=True, metadata={"example": "Enterprise"})
    monthly_revenue = fields.Integer(required=True, metadata={"example": 12000})
    segment = fields.String(allow_none=True, required=True, metadata={"example": "enterprise"})


class CompanyQuery(Schema):
    segment = fields.String(validate=validate.Length(min=1, max=40))


class CompanyPut(Schema):
    name = SafeLine(required=True, validate=validate.Length(min=2, max=120))
    plan = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=40))
    monthly_revenue = StrictInt(load_default=0, validate=validate.Range(min=0, max=2**31 - 1))
    segment = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=40))
    members = fields.List(
        fields.Email(),
        load_default=list,
        validate=validate.Length(max=1000),
        metadata={"description": "Emails of existing accounts to put in this company"},
    )


@operation(
    bp,
    "/companies",
    "GET",
    summary="Customer companies (admins)",
    tag="Companies",
    scope="admin",
    query=CompanyQuery,
    response=CompanySchema,
    many=True,
)
def list_companies(caller: Any, args: dict[str, Any]) -> list[Any]:
    return companies.list_companies(auth.member(caller), segment=args.get("segment"))


@operation(
    bp,
    "/companies",
    "PUT",
    summary="Create or update a company by name and put people in it (admins)",
    tag="Companies",
    scope="admin",
    body=CompanyPut,
    response=CompanySchema,
    body_example={
        "name": "Acme Logistics",
        "plan": "Enterprise",
        "monthly_revenue": 12000,
        "segment": "enterprise",
        "members": ["ops@acme.example"],
    },
)
def put_company(caller: Any, body: dict[str, Any]) -> Any:
    company, _created = companies.upsert_company(
        auth.member(caller),
        name=body["name"],
        plan=body["plan"],
        monthly_revenue=body["monthly_revenue"],
        segment=body["segment"],
        member_emails=body["members"],
    )
    return company
