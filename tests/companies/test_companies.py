"""Customer companies: import, demand weighted by the revenue of the companies asking, the
segment filter, and who may see which company's data."""

from __future__ import annotations

import io

from sqlalchemy import select

from ideaportal.accounts.models import Role
from ideaportal.companies import services as companies
from ideaportal.companies.models import Company
from ideaportal.core.audit import AuditEntry
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas
from ideaportal.triage import services as triage
from tests.conftest import login_as


def _company(name: str, revenue: int, segment: str = "Enterprise", plan: str = "Pro") -> Company:
    return companies.save_company(
        None, None, name=name, plan=plan, monthly_revenue=revenue, segment=segment
    )


def _member_of(make, company: Company):
    user = make.user()
    companies.assign_member(None, user, company)
    db.session.commit()
    return user


def _two_ideas(app, make):
    """Many votes from nobody in particular, against one big customer's two people."""
    app.config["DEMAND_WEIGHTS"] = "votes=1,velocity=2,followers=0,comments=0,age=0"
    acme = _company("Acme Logistics", 20000)
    crowd, big = make.idea(title="Popular with everyone"), make.idea(title="Wanted by Acme")
    for _ in range(3):
        ideas.set_vote(make.user(), crowd, True)
    for _ in range(2):
        ideas.set_vote(_member_of(make, acme), big, True)
    return crowd, big


def test_revenue_weight_changes_the_queue_order(app, make):
    crowd, big = _two_ideas(app, make)
    pm = make.pm()
    app.config["DEMAND_REVENUE_WEIGHT"] = 0
    rows, _ = triage.triage_queue(pm, triage.QueueFilter())
    assert [r.idea.title for r in rows[:2]] == ["Popular with everyone", "Wanted by Acme"]

    app.config["DEMAND_REVENUE_WEIGHT"] = 0.001
    rows, _ = triage.triage_queue(pm, triage.QueueFilter())
    assert [r.idea.title for r in rows[:2]] == ["Wanted by Acme", "Popular with everyone"]
    top = rows[0].demand
    assert rows[1].demand.inputs["revenue"] == 0
    # Two voters from one company: its revenue counts once (20,000 x 0.001 = 20 points).
    assert top.inputs["revenue"] == 20000 and top.parts["revenue"] == 20.0
    assert top.score == 2 + 4 + 20


def test_queue_shows_the_revenue_part_and_filters_by_segment(app, client, make):
    _two_ideas(app, make)
    smb = _company("Corner Bakery", 300, segment="SMB")
    ideas.set_vote(_member_of(make, smb), make.idea(title="Wanted by the bakery"), True)
    login_as(client, make.pm())
    page = client.get("/triage").get_data(as_text=True)
    assert "revenue" in page and "20,000" in page and "Customer segment" in page
    enterprise = client.get("/triage?segment=Enterprise").get_data(as_text=True)
    assert "Wanted by Acme" in enterprise
    assert "Popular with everyone" not in enterprise and "Wanted by the bakery" not in enterprise


def test_idea_page_shows_staff_which_companies_asked_and_members_nothing(app, client, make):
    acme, other = _company("Acme Logistics", 20000), _company("Globex", 9000, segment="SMB")
    author = _member_of(make, acme)
    idea = make.idea(author=author, title="Shift swap approvals on mobile")
    ideas.set_vote(_member_of(make, other), idea, True)

    login_as(client, make.pm())
    staff_view = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Companies asking" in staff_view
    assert "Acme Logistics" in staff_view and "Globex" in staff_view and "9,000" in staff_view
    client.post("/logout")

    # A member of Acme sees neither the panel nor the other company (nor its own figures).
    login_as(client, author)
    member_view = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Companies asking" not in member_view
    assert "Globex" not in member_view and "20,000" not in member_view
    assert client.get("/admin/companies").status_code == 403
    api = client.get(f"/api/v1/ideas/{idea.id}").get_data(as_text=True)
    assert "Globex" not in api and "Acme" not in api
    client.post("/logout")
    assert "Globex" not in client.get(f"/ideas/{idea.id}").get_data(as_text=True)


def test_import_companies_command_creates_updates_and_assigns(app, make):
    ann = make.user(email="ann@acme.example")
    _company("Acme Logistics", 100, segment="SMB")
    csv_text = (
        "name,plan,monthly_revenue,segment,members\n"
        'acme logistics,Enterprise,"12,500",Enterprise,ann@acme.example\n'
        "Globex,Starter,900,SMB,\n"
    )
    path = app.instance_path + "/companies.csv"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(csv_text)
    result = app.test_cli_runner().invoke(args=["import-companies", path])
    assert result.exit_code == 0, result.output
    assert "1 company(ies) created, 1 updated, 1 member(s) assigned" in result.output
    acme = companies.find_company("ACME Logistics")
    assert acme is not None and acme.monthly_revenue == 12500 and acme.segment == "Enterprise"
    db.session.refresh(ann)
    assert ann.company_id == acme.id


def test_import_with_a_bad_row_writes_nothing(app, make):
    path = app.instance_path + "/bad.csv"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("name,monthly_revenue\nInitech,lots\nHooli,100\n")
    result = app.test_cli_runner().invoke(args=["import-companies", path])
    assert result.exit_code != 0
    assert "line 2: Monthly revenue must be a number, not 'lots'." in result.output
    assert db.session.scalar(select(Company).where(Company.name == "Hooli")) is None


def test_admin_creates_and_uploads_companies_with_audit(client, make):
    admin = make.user(Role.ADMIN)
    login_as(client, admin)
    response = client.post(
        "/admin/companies",
        data={"name": "Initech", "plan": "Pro", "monthly_revenue": "4,000", "segment": "SMB"},
    )
    assert response.status_code == 302
    bad = client.post("/admin/companies", data={"name": "Umbrella", "monthly_revenue": "-5"})
    assert "Monthly revenue must be 0 or more." in bad.get_data(as_text=True)
    clash = client.post("/admin/companies", data={"name": "initech"})
    assert "Another company has this name." in clash.get_data(as_text=True)
    upload = client.post(
        "/admin/companies/import",
        data={
            "import-file": (
                io.BytesIO(b"name,plan,monthly_revenue,segment\nHooli,Max,70000,Enterprise\n"),
                "c.csv",
            )
        },
        content_type="multipart/form-data",
    )
    assert upload.status_code == 302
    page = client.get("/admin/companies").get_data(as_text=True)
    assert "Initech" in page and "4,000" in page and "Hooli" in page and "70,000" in page
    actions = set(
        db.session.scalars(select(AuditEntry.action).where(AuditEntry.actor_id == admin.id))
    )
    assert {"company.created"} <= actions


def test_api_puts_companies_and_people_for_admins_only(client, make):
    from ideaportal.accounts import services as accounts

    admin, member = make.user(Role.ADMIN), make.user(email="dan@initech.example")
    _token, admin_token = accounts.create_api_token(admin, "CRM sync", ["read", "write", "admin"])
    _token, member_token = accounts.create_api_token(member, "mine", ["read", "write"])
    body = {
        "name": "Initech",
        "plan": "Pro",
        "monthly_revenue": 4200,
        "segment": "SMB",
        "members": ["dan@initech.example"],
    }
    headers = {"Authorization": f"Bearer {admin_token}"}
    created = client.put("/api/v1/companies", json=body, headers=headers)
    assert created.status_code == 200, created.get_json()  # an upsert: 200 either way
    assert created.get_json()["monthly_revenue"] == 4200
    again = client.put("/api/v1/companies", json={**body, "monthly_revenue": 5000}, headers=headers)
    assert again.status_code == 200 and again.get_json()["monthly_revenue"] == 5000
    db.session.refresh(member)
    assert member.company is not None and member.company.name == "Initech"

    unknown = client.put(
        "/api/v1/companies", json={**body, "members": ["nobody@initech.example"]}, headers=headers
    )
    assert unknown.status_code == 409  # well-formed, refused by the service (see README)
    assert (
        unknown.get_json()["error"]["message"]
        == "No account with the email nobody@initech.example."
    )

    # A member, even of that company, never reads or writes company data.
    mine = {"Authorization": f"Bearer {member_token}"}
    assert client.get("/api/v1/companies", headers=mine).status_code == 403
    assert client.put("/api/v1/companies", json=body, headers=mine).status_code == 403
    listing = client.get("/api/v1/companies", headers=headers).get_json()
    assert [c["name"] for c in listing] == ["Initech"]
