"""customer companies, single sign-on providers and identities, portal settings

Revision ID: 0014_sso_widget_companies
Revises: 0013_api_token_event_webhooks
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_sso_widget_companies"
down_revision = "0013_api_token_event_webhooks"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "company",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("name_key", sa.String(length=120), nullable=False),
        sa.Column("plan", sa.String(length=40), nullable=True),
        sa.Column("monthly_revenue", sa.Integer(), nullable=False),
        sa.Column("segment", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("monthly_revenue >= 0", name=op.f("ck_company_revenue_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_company")),
        sa.UniqueConstraint("name", name=op.f("uq_company_name")),
        sa.UniqueConstraint("name_key", name=op.f("uq_company_name_key")),
    )
    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_company_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_company_segment"), ["segment"], unique=False)

    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("company_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_user_company_id"), ["company_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_user_company_id_company"),
            "company",
            ["company_id"],
            ["id"],
            ondelete="SET NULL",
        )

    op.create_table(
        "sso_provider",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("issuer", sa.String(length=500), nullable=False),
        sa.Column("client_id", sa.String(length=255), nullable=False),
        sa.Column("client_secret_encrypted", sa.Text(), nullable=False),
        sa.Column("scopes", sa.String(length=200), nullable=False),
        sa.Column("claim_email", sa.String(length=60), nullable=False),
        sa.Column("claim_name", sa.String(length=60), nullable=False),
        sa.Column("claim_company", sa.String(length=60), nullable=True),
        sa.Column("claim_role", sa.String(length=60), nullable=True),
        sa.Column("allowed_domains", sa.Text(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sso_provider")),
        sa.UniqueConstraint("slug", name=op.f("uq_sso_provider_slug")),
    )
    with op.batch_alter_table("sso_provider", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sso_provider_created_at"), ["created_at"], unique=False
        )

    op.create_table(
        "sso_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_login_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["provider_id"],
            ["sso_provider.id"],
            name=op.f("fk_sso_identity_provider_id_sso_provider"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_sso_identity_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sso_identity")),
        sa.UniqueConstraint("provider_id", "subject", name="uq_sso_identity_subject"),
    )
    with op.batch_alter_table("sso_identity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sso_identity_user_id"), ["user_id"], unique=False)

    op.create_table(
        "portal_setting",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_portal_setting")),
    )


def downgrade():
    op.drop_table("portal_setting")
    with op.batch_alter_table("sso_identity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sso_identity_user_id"))
    op.drop_table("sso_identity")
    with op.batch_alter_table("sso_provider", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sso_provider_created_at"))
    op.drop_table("sso_provider")
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_user_company_id_company"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_user_company_id"))
        batch_op.drop_column("company_id")
    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_company_segment"))
        batch_op.drop_index(batch_op.f("ix_company_created_at"))
    op.drop_table("company")
