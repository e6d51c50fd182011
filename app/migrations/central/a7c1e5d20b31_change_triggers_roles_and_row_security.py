"""change triggers, roles and row-level security

Written by hand: every shared table logs its inserts and updates into ``change_log`` (the pull's
cursor follows it), and on PostgreSQL the three group roles, their grants and the row-level
security policies enforce who may read and change what, whatever program connects.

Revision ID: a7c1e5d20b31
Revises: 4d3e83a2c005
Create Date: 2026-11-22 09:50:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "a7c1e5d20b31"
down_revision: str | None = "4d3e83a2c005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The shared tables at this revision (a later revision adding one adds its triggers too).
SHARED = (
    "customer",
    "incident",
    "reason_code",
    "sync_conflict",
    "team",
    "template",
    "advisor",
    "customer_identity",
    "contact",
    "template_version",
    "contact_assignment",
    "evaluation",
    "message",
    "note",
    "review_item",
    "survey_answer",
    "template_usage",
    "wrap_up",
)

# What each role may do beyond reading every shared table; row-level security narrows it.
ADVISOR_WRITES = {
    "contact": "INSERT, UPDATE",
    "contact_assignment": "INSERT, UPDATE",
    "customer": "INSERT, UPDATE",
    "customer_identity": "INSERT",
    "message": "INSERT",
    "note": "INSERT",
    "wrap_up": "INSERT",
    "review_item": "INSERT",
    "template_usage": "INSERT",
    "sync_conflict": "INSERT",
    "applied_ops": "SELECT, INSERT, UPDATE",
    "sync_refusal": "SELECT, INSERT",
    "change_log": "SELECT",
    "alembic_version": "SELECT",
}
SUPERVISOR_WRITES = {
    "template": "INSERT, UPDATE",
    "template_version": "INSERT",
    "evaluation": "INSERT",
    "reason_code": "INSERT, UPDATE",
    "incident": "INSERT, UPDATE",
}

_ROLES = """
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'relais_advisor') THEN
    CREATE ROLE relais_advisor NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'relais_supervisor') THEN
    CREATE ROLE relais_supervisor NOLOGIN IN ROLE relais_advisor;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'relais_admin') THEN
    CREATE ROLE relais_admin NOLOGIN IN ROLE relais_supervisor;
  END IF;
END $$;
"""

# Who is connected, as the advisor table knows them. SECURITY DEFINER so policies can call them
# whatever the caller may read; session_user because inside them current_user is the owner.
_FUNCTIONS = """
CREATE OR REPLACE FUNCTION relais_me() RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public AS $$
  SELECT id FROM advisor WHERE login = session_user AND active $$;
CREATE OR REPLACE FUNCTION relais_my_role() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public AS $$
  SELECT role FROM advisor WHERE login = session_user AND active $$;
CREATE OR REPLACE FUNCTION relais_my_team() RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public AS $$
  SELECT team_id FROM advisor WHERE login = session_user AND active $$;
CREATE OR REPLACE FUNCTION relais_in_my_team(advisor uuid) RETURNS boolean LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM advisor a WHERE a.id = advisor AND a.team_id = relais_my_team()) $$;
CREATE OR REPLACE FUNCTION relais_log_changes() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public AS $$
  BEGIN
    INSERT INTO change_log (xid, table_name, row_id)
      SELECT pg_current_xact_id()::text::bigint, TG_TABLE_NAME, id FROM new_rows;
    RETURN NULL;
  END $$;
"""

_POLICIES = """
ALTER TABLE wrap_up ENABLE ROW LEVEL SECURITY;
CREATE POLICY wrap_up_read ON wrap_up FOR SELECT USING (
  advisor_id = relais_me() OR relais_my_role() = 'admin'
  OR (relais_my_role() = 'supervisor' AND relais_in_my_team(advisor_id)));
CREATE POLICY wrap_up_write ON wrap_up FOR INSERT WITH CHECK (
  advisor_id = relais_me() OR relais_my_role() IN ('supervisor', 'admin'));

ALTER TABLE evaluation ENABLE ROW LEVEL SECURITY;
CREATE POLICY evaluation_read ON evaluation FOR SELECT USING (
  relais_my_role() = 'admin' OR evaluator_id = relais_me()
  OR EXISTS (SELECT 1 FROM contact c WHERE c.id = contact_id AND (
    c.assigned_to = relais_me()
    OR (relais_my_role() = 'supervisor' AND c.team_id = relais_my_team()))));
CREATE POLICY evaluation_write ON evaluation FOR INSERT WITH CHECK (
  evaluator_id = relais_me() AND relais_my_role() IN ('supervisor', 'admin'));

ALTER TABLE sync_conflict ENABLE ROW LEVEL SECURITY;
CREATE POLICY sync_conflict_read ON sync_conflict FOR SELECT USING (
  advisor_id = relais_me() OR relais_my_role() IN ('supervisor', 'admin'));
CREATE POLICY sync_conflict_write ON sync_conflict FOR INSERT WITH CHECK (true);

ALTER TABLE applied_ops ENABLE ROW LEVEL SECURITY;
CREATE POLICY applied_ops_own ON applied_ops USING (
  login = session_user OR relais_my_role() = 'admin') WITH CHECK (login = session_user);

ALTER TABLE sync_refusal ENABLE ROW LEVEL SECURITY;
CREATE POLICY sync_refusal_read ON sync_refusal FOR SELECT USING (
  login = session_user OR relais_my_role() IN ('supervisor', 'admin'));
CREATE POLICY sync_refusal_write ON sync_refusal FOR INSERT WITH CHECK (login = session_user);
"""


def _postgresql() -> None:
    op.execute(_ROLES)
    op.execute(_FUNCTIONS)
    for table in SHARED:
        for event in ("INSERT", "UPDATE"):
            op.execute(
                f"CREATE TRIGGER log_{event.lower()} AFTER {event} ON {table} "
                "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
                "EXECUTE FUNCTION relais_log_changes()"
            )
    op.execute("GRANT USAGE ON SCHEMA public TO relais_advisor")
    op.execute(f"GRANT SELECT ON {', '.join(SHARED)} TO relais_advisor")
    for table, rights in ADVISOR_WRITES.items():
        op.execute(f"GRANT {rights} ON {table} TO relais_advisor")
    for table, rights in SUPERVISOR_WRITES.items():
        op.execute(f"GRANT {rights} ON {table} TO relais_supervisor")
    op.execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO relais_admin")
    op.execute(_POLICIES)


def _sqlite() -> None:
    # One writer at a time, committing in order: the sequence alone orders the log.
    for table in SHARED:
        for event in ("INSERT", "UPDATE"):
            op.execute(
                f"CREATE TRIGGER log_{event.lower()}_{table} AFTER {event} ON {table} "
                f"BEGIN INSERT INTO change_log (xid, table_name, row_id) "
                f"VALUES (0, '{table}', NEW.id); END"
            )


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _postgresql()
    else:
        _sqlite()


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in SHARED:
        for event in ("insert", "update"):
            if dialect == "postgresql":
                op.execute(f"DROP TRIGGER IF EXISTS log_{event} ON {table}")
            else:
                op.execute(f"DROP TRIGGER IF EXISTS log_{event}_{table}")
