"""the centre checks every write

Written by hand. Until now the sync's rules (claim tokens, first edit wins, conflict records,
authorship) ran in each workstation's Python, on the user's own connection, and the users' roles
held write rights on the tables: a program other than Relais, connected with a user's login,
could write what it liked. From this revision on:

- no user's role holds INSERT, UPDATE or DELETE on any table; every write goes through the
  centre's own functions (``relais_push``, the claims, the lease renewal, the release, the working
  set), SECURITY DEFINER, written as PostgreSQL's manual says (qualified names, ``pg_temp`` last),
  which take the author from the session's login, stamp times with the centre's clock, check the
  claim token and the values, apply first-edit-wins and write the conflict records themselves;
- each centre has its own group roles (named after its database and recorded in
  ``centre_role``), and CONNECT on its database is theirs alone; nobody but the owner may create
  temporary tables or objects in it;
- claim tokens are readable by their holder only (``relais_my_claim``), and the change log, the
  review list, refusals and conflicts reveal nothing a reader may not see;
- CHECK constraints hold scores, lengths, languages (and on SQLite, which has no such types,
  lengths and NUL characters too, through triggers).

The embedded SQLite centre runs the same rules in Python (app/sync/apply.py); the tests run both.

Revision ID: e1b7c4a9d2f0
Revises: c3d9e1f4a2b7
Create Date: 2026-12-01 23:40:00
"""

import hashlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import app.models.base

revision: str = "e1b7c4a9d2f0"
down_revision: str | None = "c3d9e1f4a2b7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

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
ROLES = ("advisor", "supervisor", "admin")
OLD_GROUPS = ("relais_advisor", "relais_supervisor", "relais_admin")

# What the centre accepts, as app.limits declared it when this revision was written ({new} is
# where the row is: nothing in a CHECK constraint, NEW. in a SQLite trigger).
CHECKS = {
    "customer": {"language_known": "{new}language IN ('fr', 'en')"},
    "advisor": {"language_known": "{new}language IN ('fr', 'en')"},
    "contact": {
        "language_known": "{new}language IN ('fr', 'en')",
        "priority_range": "{new}priority BETWEEN 0 AND 9",
    },
    "incident": {"description_length": "{length}({new}description) <= 20000"},
    "template": {"body_length": "{length}({new}body) <= 20000"},
    "template_version": {"body_length": "{length}({new}body) <= 20000"},
    "evaluation": {
        "score_range": "{new}score BETWEEN 1 AND 4",
        "comment_length": "{length}({new}comment) <= 4000",
    },
    "message": {
        "body_text_length": "{length}({new}body_text) <= 100000",
        "body_html_length": "{length}({new}body_html) <= 1000000",
    },
    "note": {"body_length": "{length}({new}body) <= 20000"},
    "survey_answer": {
        "csat_range": "{new}csat BETWEEN 1 AND 5",
        "nps_range": "{new}nps BETWEEN 0 AND 10",
        "effort_range": "{new}effort BETWEEN 1 AND 7",
        "comment_length": "{length}({new}comment) <= 10000",
    },
    "wrap_up": {
        "self_assessment_range": "{new}self_assessment BETWEEN 1 AND 4",
        "share_range": "{new}share > 0 AND {new}share <= 1",
        "comment_length": "{length}({new}comment) <= 4000",
    },
}


def group_name(database: str, role: str) -> str:
    """``relais_advisor@<database>``, shortened with a digest when PostgreSQL's 63 bytes are
    not enough: unique per database on the server, readable in ``\\du``."""
    name = f"relais_{role}@{database}"
    if len(name.encode()) <= 63:
        return name
    digest = hashlib.sha256(database.encode()).hexdigest()[:8]
    return f"relais_{role}@{database.encode()[:40].decode(errors='ignore')}~{digest}"


# -- PostgreSQL: who is connected -----------------------------------------------------------------

_SAFE = "SECURITY DEFINER SET search_path = pg_catalog, pg_temp"

_IDENTITY = f"""
CREATE OR REPLACE FUNCTION public.relais_me() RETURNS uuid LANGUAGE sql STABLE {_SAFE} AS $$
  SELECT id FROM public.advisor WHERE login = session_user AND active $$;
CREATE OR REPLACE FUNCTION public.relais_my_role() RETURNS text LANGUAGE sql STABLE {_SAFE} AS $$
  SELECT role FROM public.advisor WHERE login = session_user AND active $$;
CREATE OR REPLACE FUNCTION public.relais_my_team() RETURNS uuid LANGUAGE sql STABLE {_SAFE} AS $$
  SELECT team_id FROM public.advisor WHERE login = session_user AND active $$;
CREATE OR REPLACE FUNCTION public.relais_in_my_team(advisor uuid) RETURNS boolean LANGUAGE sql
  STABLE {_SAFE} AS $$
  SELECT EXISTS (SELECT 1 FROM public.advisor a
                 WHERE a.id = $1 AND a.team_id = public.relais_my_team()) $$;
"""

# -- PostgreSQL: the change log, with who may read each change ------------------------------------

_LOG = f"""
CREATE OR REPLACE FUNCTION public.relais_log_changes() RETURNS trigger LANGUAGE plpgsql {_SAFE} AS $$
BEGIN
  INSERT INTO public.change_log (xid, table_name, row_id)
    SELECT pg_catalog.pg_current_xact_id()::text::bigint, TG_TABLE_NAME, n.id FROM new_rows n;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION public.relais_log_by_advisor() RETURNS trigger LANGUAGE plpgsql
  {_SAFE} AS $$
BEGIN
  INSERT INTO public.change_log (xid, table_name, row_id, readers, team_id)
    SELECT pg_catalog.pg_current_xact_id()::text::bigint, TG_TABLE_NAME, n.id,
           ARRAY[n.advisor_id], a.team_id
    FROM new_rows n LEFT JOIN public.advisor a ON a.id = n.advisor_id;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION public.relais_log_evaluation() RETURNS trigger LANGUAGE plpgsql
  {_SAFE} AS $$
BEGIN
  INSERT INTO public.change_log (xid, table_name, row_id, readers, team_id)
    SELECT pg_catalog.pg_current_xact_id()::text::bigint, TG_TABLE_NAME, n.id,
           ARRAY[n.evaluator_id, k.assigned_to], k.team_id
    FROM new_rows n LEFT JOIN public.contact k ON k.id = n.contact_id;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION public.relais_log_review_item() RETURNS trigger LANGUAGE plpgsql
  {_SAFE} AS $$
BEGIN
  INSERT INTO public.change_log (xid, table_name, row_id, readers, team_id)
    SELECT pg_catalog.pg_current_xact_id()::text::bigint, TG_TABLE_NAME, n.id,
           ARRAY[n.created_by], k.team_id
    FROM new_rows n LEFT JOIN public.contact k ON k.id = n.contact_id;
  RETURN NULL;
END $$;
"""
# Before any statement writes a table of the centre, its transaction holds the change log's lock
# (see _HOLD_LOG): the owner's writes (seeding, relais user, a connector) are waited for too.
_HOLD = f"""
CREATE OR REPLACE FUNCTION public.relais_hold_log() RETURNS trigger LANGUAGE plpgsql {_SAFE} AS $$
BEGIN
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  RETURN NULL;
END $$;
"""
# Tables written in the same transactions as shared ones (the desk's working set is not: the
# check writes it in a long read).
_HELD = (*SHARED, "applied_ops", "sync_refusal", "centre_role", "centre_login")
# Who may read a change follows the people it is about: an advisor moving to another team takes
# their wrap-ups' and conflicts' changes with them; a contact changing hands or teams takes its
# evaluations' and review items' changes.
_FOLLOW = f"""
CREATE OR REPLACE FUNCTION public.relais_follow_advisor() RETURNS trigger LANGUAGE plpgsql
  {_SAFE} AS $$
BEGIN
  UPDATE public.change_log SET team_id = NEW.team_id
    WHERE table_name IN ('wrap_up', 'sync_conflict') AND readers = ARRAY[NEW.id];
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION public.relais_follow_contact() RETURNS trigger LANGUAGE plpgsql
  {_SAFE} AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM public.evaluation e WHERE e.contact_id = NEW.id) THEN
    UPDATE public.change_log l SET readers = ARRAY[e.evaluator_id, NEW.assigned_to],
                                   team_id = NEW.team_id
      FROM public.evaluation e
      WHERE e.contact_id = NEW.id AND l.table_name = 'evaluation' AND l.row_id = e.id;
  END IF;
  IF OLD.team_id IS DISTINCT FROM NEW.team_id
     AND EXISTS (SELECT 1 FROM public.review_item r WHERE r.contact_id = NEW.id) THEN
    UPDATE public.change_log l SET team_id = NEW.team_id
      FROM public.review_item r
      WHERE r.contact_id = NEW.id AND l.table_name = 'review_item' AND l.row_id = r.id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER follow_advisor AFTER UPDATE OF team_id ON public.advisor FOR EACH ROW
  WHEN (OLD.team_id IS DISTINCT FROM NEW.team_id) EXECUTE FUNCTION public.relais_follow_advisor();
CREATE TRIGGER follow_contact AFTER UPDATE OF assigned_to, team_id ON public.contact FOR EACH ROW
  WHEN (OLD.assigned_to IS DISTINCT FROM NEW.assigned_to OR OLD.team_id IS DISTINCT FROM NEW.team_id)
  EXECUTE FUNCTION public.relais_follow_contact();
"""
# Tables whose rows not everyone may read, and the trigger function naming their readers.
_RESTRICTED = {
    "wrap_up": "relais_log_by_advisor",
    "sync_conflict": "relais_log_by_advisor",
    "evaluation": "relais_log_evaluation",
    "review_item": "relais_log_review_item",
}
_BACKFILL = """
UPDATE public.change_log l SET readers = ARRAY[w.advisor_id], team_id = a.team_id
  FROM public.wrap_up w LEFT JOIN public.advisor a ON a.id = w.advisor_id
  WHERE l.table_name = 'wrap_up' AND l.row_id = w.id;
UPDATE public.change_log l SET readers = ARRAY[c.advisor_id], team_id = a.team_id
  FROM public.sync_conflict c LEFT JOIN public.advisor a ON a.id = c.advisor_id
  WHERE l.table_name = 'sync_conflict' AND l.row_id = c.id;
UPDATE public.change_log l SET readers = ARRAY[e.evaluator_id, k.assigned_to], team_id = k.team_id
  FROM public.evaluation e LEFT JOIN public.contact k ON k.id = e.contact_id
  WHERE l.table_name = 'evaluation' AND l.row_id = e.id;
UPDATE public.change_log l SET readers = ARRAY[r.created_by], team_id = k.team_id
  FROM public.review_item r LEFT JOIN public.contact k ON k.id = r.contact_id
  WHERE l.table_name = 'review_item' AND l.row_id = r.id;
"""

# -- PostgreSQL: what each user may read ----------------------------------------------------------

_ME = "(SELECT public.relais_me())"
_ROLE = "(SELECT public.relais_my_role())"
_TEAM = "(SELECT public.relais_my_team())"
_POLICIES = f"""
DROP POLICY IF EXISTS wrap_up_write ON public.wrap_up;
DROP POLICY IF EXISTS evaluation_write ON public.evaluation;
DROP POLICY IF EXISTS sync_conflict_write ON public.sync_conflict;
DROP POLICY IF EXISTS sync_conflict_read ON public.sync_conflict;
DROP POLICY IF EXISTS applied_ops_own ON public.applied_ops;
DROP POLICY IF EXISTS sync_refusal_write ON public.sync_refusal;
DROP POLICY IF EXISTS sync_refusal_read ON public.sync_refusal;
DROP POLICY IF EXISTS desk_customer_own ON public.desk_customer;

CREATE POLICY sync_conflict_read ON public.sync_conflict FOR SELECT USING (
  advisor_id = {_ME} OR {_ROLE} = 'admin'
  OR ({_ROLE} = 'supervisor' AND public.relais_in_my_team(advisor_id)));
CREATE POLICY sync_refusal_read ON public.sync_refusal FOR SELECT USING (
  login = session_user OR {_ROLE} = 'admin'
  OR ({_ROLE} = 'supervisor' AND EXISTS (
    SELECT 1 FROM public.advisor a WHERE a.login = sync_refusal.login AND a.team_id = {_TEAM})));
CREATE POLICY desk_customer_own ON public.desk_customer FOR SELECT USING (login = session_user);

ALTER TABLE public.sync_refusal ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.applied_ops ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.desk_customer ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.review_item ENABLE ROW LEVEL SECURITY;
CREATE POLICY review_item_read ON public.review_item FOR SELECT USING (
  created_by = {_ME} OR {_ROLE} = 'admin'
  OR ({_ROLE} = 'supervisor' AND EXISTS (
    SELECT 1 FROM public.contact c WHERE c.id = review_item.contact_id AND c.team_id = {_TEAM})));

ALTER TABLE public.change_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY change_log_read ON public.change_log FOR SELECT USING (
  readers IS NULL OR {_ME} = ANY (readers) OR {_ROLE} = 'admin'
  OR ({_ROLE} = 'supervisor' AND team_id = {_TEAM}));

CREATE VIEW public.relais_my_claim WITH (security_barrier = true) AS
  SELECT id, claim_token FROM public.contact
  WHERE assigned_to = public.relais_me() AND status = 'in_progress';
"""

# -- PostgreSQL: the push, operation by operation -------------------------------------------------

# Whether the user may write on a contact: they hold or held it, they supervise its team, or they
# administer the centre.
_WRITABLE = """
CREATE OR REPLACE FUNCTION public.relais_writable(p_contact uuid, p_me uuid, p_role text,
  p_team uuid) RETURNS boolean LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT p_role = 'admin'
    OR EXISTS (SELECT 1 FROM public.contact_assignment x
               WHERE x.contact_id = p_contact AND x.advisor_id = p_me)
    OR (p_role = 'supervisor' AND EXISTS (
          SELECT 1 FROM public.contact k WHERE k.id = p_contact AND k.team_id = p_team)) $$;

CREATE OR REPLACE FUNCTION public.relais_name_key(p text) RETURNS text LANGUAGE sql IMMUTABLE
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT btrim(regexp_replace(translate(
    regexp_replace(lower(normalize(p, NFKD)), '[\\u0300-\\u036f]', '', 'g'), '-''’', '   '),
    '\\s+', ' ', 'g')) $$;

CREATE OR REPLACE FUNCTION public.relais_keep_losers(p_table text, p_id uuid, p_losing jsonb,
  p_current jsonb, p_rule text, p_me uuid, p_ws uuid) RETURNS void LANGUAGE sql
  SET search_path = pg_catalog, pg_temp AS $$
  INSERT INTO public.sync_conflict (id, table_name, row_id, field, losing_value, winning_value,
                                    rule, advisor_id, workstation_id, created_at)
  SELECT gen_random_uuid(), p_table, p_id, x.key, x.value::json, (p_current -> x.key)::json,
         p_rule, p_me, p_ws, now()
  FROM jsonb_each(p_losing) x
  WHERE x.key NOT IN ('version', 'updated_at', 'last_key', 'first_key', 'claim_token',
                      'lease_until')
    AND p_current ? x.key AND (p_current -> x.key) IS DISTINCT FROM x.value $$;
"""

# Inserts rows of one table (a run of the outbox), or says why not before writing anything.
# The centre sets the author and the time; what a workstation sent for them is ignored.
_INSERT = """
CREATE OR REPLACE FUNCTION public.relais_insert_rows(p_table text, p_rows jsonb, p_me uuid,
  p_role text, p_team uuid) RETURNS text LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_now timestamptz := now();
  v_row jsonb;
  v_parent public.contact;
BEGIN
  IF jsonb_typeof(p_rows) <> 'array'
     OR EXISTS (SELECT 1 FROM jsonb_array_elements(p_rows) e WHERE jsonb_typeof(e) <> 'object') THEN
    RETURN 'invalid: an insert carries an object of values';
  END IF;
  IF p_table IN ('message', 'note', 'template_usage', 'wrap_up', 'review_item', 'evaluation')
     AND EXISTS (SELECT 1 FROM jsonb_to_recordset(p_rows) AS x(contact_id uuid)
                 WHERE NOT public.relais_writable(x.contact_id, p_me, p_role, p_team)) THEN
    RETURN 'permission: you may write only on contacts you handle or handled';
  END IF;
  CASE p_table
  WHEN 'message' THEN
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_rows) e
               WHERE e ->> 'direction' IS DISTINCT FROM 'outbound') THEN
      RETURN 'permission: a workstation writes only its own replies';
    END IF;
    INSERT INTO public.message SELECT * FROM jsonb_populate_recordset(NULL::public.message,
      (SELECT jsonb_agg(e || jsonb_build_object('author_id', p_me, 'created_at', v_now,
         'written_at', COALESCE(NULLIF(e -> 'written_at', 'null'), e -> 'created_at')))
       FROM jsonb_array_elements(p_rows) e))
    ON CONFLICT (id) DO NOTHING;
  WHEN 'note' THEN
    INSERT INTO public.note SELECT * FROM jsonb_populate_recordset(NULL::public.note,
      (SELECT jsonb_agg(e || jsonb_build_object('advisor_id', p_me, 'created_at', v_now,
         'written_at', COALESCE(NULLIF(e -> 'written_at', 'null'), e -> 'created_at')))
       FROM jsonb_array_elements(p_rows) e))
    ON CONFLICT (id) DO NOTHING;
  WHEN 'template_usage' THEN
    INSERT INTO public.template_usage SELECT * FROM jsonb_populate_recordset(
      NULL::public.template_usage,
      (SELECT jsonb_agg(e || jsonb_build_object('advisor_id', p_me, 'used_at', v_now))
       FROM jsonb_array_elements(p_rows) e))
    ON CONFLICT (id) DO NOTHING;
  WHEN 'wrap_up' THEN
    INSERT INTO public.wrap_up SELECT * FROM jsonb_populate_recordset(NULL::public.wrap_up,
      (SELECT jsonb_agg(e || jsonb_build_object('advisor_id', p_me, 'created_at', v_now))
       FROM jsonb_array_elements(p_rows) e))
    ON CONFLICT (id) DO NOTHING;
  WHEN 'review_item' THEN
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_rows) e
               WHERE e ->> 'reason' IS DISTINCT FROM 'low_self_assessment') THEN
      RETURN 'permission: a workstation flags only low self-assessments for review';
    END IF;
    INSERT INTO public.review_item SELECT * FROM jsonb_populate_recordset(
      NULL::public.review_item,
      (SELECT jsonb_agg(e || jsonb_build_object('created_by', p_me, 'created_at', v_now))
       FROM jsonb_array_elements(p_rows) e))
    ON CONFLICT (id) DO NOTHING;
  WHEN 'customer' THEN
    INSERT INTO public.customer SELECT * FROM jsonb_populate_recordset(NULL::public.customer,
      (SELECT jsonb_agg(e || jsonb_build_object('created_at', v_now, 'updated_at', v_now,
                                                'version', 1))
       FROM jsonb_array_elements(p_rows) e))
    ON CONFLICT (id) DO NOTHING;
    -- Whoever creates a customer keeps them in their working set.
    INSERT INTO public.desk_customer (login, customer_id, since)
      SELECT session_user, x.id, v_now FROM jsonb_to_recordset(p_rows) AS x(id uuid)
      ON CONFLICT DO NOTHING;
  WHEN 'customer_identity' THEN
    IF p_role = 'advisor' AND EXISTS (
         SELECT 1 FROM jsonb_to_recordset(p_rows) AS x(customer_id uuid)
         WHERE NOT EXISTS (SELECT 1 FROM public.desk_customer d
                           WHERE d.login = session_user AND d.customer_id = x.customer_id)) THEN
      RETURN 'permission: this customer is not in your working set';
    END IF;
    INSERT INTO public.customer_identity SELECT * FROM jsonb_populate_recordset(
      NULL::public.customer_identity,
      (SELECT jsonb_agg(e || jsonb_build_object('created_at', v_now))
       FROM jsonb_array_elements(p_rows) e))
    ON CONFLICT (id) DO NOTHING;
  WHEN 'contact' THEN
    -- Two kinds only: a call the advisor logged by hand, held by them; a follow-up of a contact
    -- they just closed, waiting in the queue for its time.
    FOR v_row IN SELECT e FROM jsonb_array_elements(p_rows) e LOOP
      IF v_row ->> 'status' = 'in_progress' AND v_row ->> 'channel' = 'phone'
         AND v_row ->> 'parent_id' IS NULL THEN
        IF v_row ->> 'claim_token' IS NULL THEN
          RETURN 'invalid: a logged call carries its claim token';
        END IF;
        v_row := v_row || jsonb_build_object('assigned_to', p_me, 'team_id', p_team,
          'received_at', v_now, 'due_at', v_now, 'lease_until', v_now + interval '15 minutes',
          'closed_at', NULL, 'version', 1);
      ELSIF v_row ->> 'status' = 'queued' AND v_row ->> 'parent_id' IS NOT NULL THEN
        SELECT * INTO v_parent FROM public.contact WHERE id = (v_row ->> 'parent_id')::uuid;
        IF NOT FOUND OR v_parent.assigned_to IS DISTINCT FROM p_me
           OR v_parent.status <> 'closed' THEN
          RETURN 'permission: a follow-up belongs to a contact you closed';
        END IF;
        IF (v_row ->> 'due_at')::timestamptz NOT BETWEEN v_now - interval '1 day'
                                                    AND v_now + interval '400 days' THEN
          RETURN 'invalid: a follow-up is planned from now to a year ahead';
        END IF;
        v_row := v_row || jsonb_build_object('assigned_to', NULL, 'claim_token', NULL,
          'lease_until', NULL, 'closed_at', NULL, 'team_id', v_parent.team_id,
          'customer_id', v_parent.customer_id, 'priority', 2,
          'risk_flag', v_parent.risk_flag, 'risk_reason', v_parent.risk_reason,
          'received_at', v_row -> 'due_at', 'version', 1);
      ELSE
        RETURN 'permission: a workstation creates only logged calls and follow-ups';
      END IF;
      INSERT INTO public.contact
        SELECT * FROM jsonb_populate_record(NULL::public.contact, v_row)
      ON CONFLICT (id) DO NOTHING;
    END LOOP;
  WHEN 'contact_assignment' THEN
    IF EXISTS (SELECT 1 FROM jsonb_to_recordset(p_rows) AS x(contact_id uuid)
               WHERE NOT EXISTS (SELECT 1 FROM public.contact k WHERE k.id = x.contact_id
                                 AND k.assigned_to = p_me AND k.status = 'in_progress')) THEN
      RETURN 'permission: an assignment is the centre''s to make';
    END IF;
    INSERT INTO public.contact_assignment SELECT * FROM jsonb_populate_recordset(
      NULL::public.contact_assignment,
      (SELECT jsonb_agg(e || jsonb_build_object('advisor_id', p_me, 'started_at', v_now,
                                                'ended_at', NULL))
       FROM jsonb_array_elements(p_rows) e))
    ON CONFLICT (id) DO NOTHING;
  WHEN 'evaluation' THEN
    IF p_role NOT IN ('supervisor', 'admin') THEN
      RETURN 'permission: evaluations are for supervisors and quality reviewers';
    END IF;
    INSERT INTO public.evaluation SELECT * FROM jsonb_populate_recordset(NULL::public.evaluation,
      (SELECT jsonb_agg(e || jsonb_build_object('evaluator_id', p_me, 'created_at', v_now))
       FROM jsonb_array_elements(p_rows) e))
    ON CONFLICT (id) DO NOTHING;
  WHEN 'template', 'reason_code', 'incident', 'template_version' THEN
    IF p_role NOT IN ('supervisor', 'admin') THEN
      RETURN format('permission: only supervisors change %s', p_table);
    END IF;
    IF p_table = 'template_version' THEN
      INSERT INTO public.template_version SELECT * FROM jsonb_populate_recordset(
        NULL::public.template_version,
        (SELECT jsonb_agg(e || jsonb_build_object('author_id', p_me, 'created_at', v_now))
         FROM jsonb_array_elements(p_rows) e))
      ON CONFLICT (id) DO NOTHING;
    ELSE
      EXECUTE format('INSERT INTO public.%I SELECT * FROM jsonb_populate_recordset('
                     'NULL::public.%I, $1) ON CONFLICT (id) DO NOTHING', p_table, p_table)
        USING p_rows;
    END IF;
  WHEN 'survey_answer' THEN
    IF p_role <> 'admin' THEN
      RETURN 'permission: survey answers are imported by an administrator';
    END IF;
    INSERT INTO public.survey_answer SELECT * FROM jsonb_populate_recordset(
      NULL::public.survey_answer, p_rows)
    ON CONFLICT (id) DO NOTHING;
  ELSE
    RETURN format('permission: the centre takes no rows of %s from a workstation', p_table);
  END CASE;
  RETURN NULL;
END $$;
"""

# Applies one update, or says why not. A contact obeys its claim; a customer's profile is merged
# field by field (the first edit to reach the centre wins, the loser is kept); reference data
# belongs to supervisors, the latest write winning.
_UPDATE = """
CREATE OR REPLACE FUNCTION public.relais_update_row(p_op jsonb, p_me uuid, p_role text,
  p_team uuid, p_ws uuid) RETURNS text LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_table text := p_op ->> 'table';
  v_id uuid := (p_op ->> 'row_id')::uuid;
  v_values jsonb := COALESCE(p_op -> 'values', '{}');
  v_before jsonb := COALESCE(p_op -> 'before', '{}');
  v_claim uuid := (p_op ->> 'claim')::uuid;
  v_contact public.contact;
  v_customer public.customer;
  v_current jsonb;
  v_key text;
  v_value jsonb;
  v_winners jsonb := '{}';
  v_losers jsonb := '{}';
  v_closing boolean;
  v_columns text;
BEGIN
  IF jsonb_typeof(v_values) <> 'object' OR jsonb_typeof(v_before) <> 'object' THEN
    RETURN 'invalid: an update carries an object of values';
  END IF;
  CASE v_table
  WHEN 'contact' THEN
    -- Locked only once it is known to be the caller's: naming others' rows locks nothing.
    SELECT * INTO v_contact FROM public.contact WHERE id = v_id;
    IF FOUND AND v_claim IS NOT NULL AND v_contact.claim_token = v_claim
       AND v_contact.assigned_to = p_me THEN
      SELECT * INTO v_contact FROM public.contact WHERE id = v_id FOR UPDATE;
    END IF;
    IF NOT FOUND THEN
      RETURN format('invalid: contact %s does not exist on the centre', v_id);
    END IF;
    FOR v_key IN SELECT jsonb_object_keys(v_values) LOOP
      IF v_key NOT IN ('status', 'closed_at', 'claim_token', 'lease_until', 'call_started_at',
                       'call_ended_at', 'customer_id', 'version') THEN
        RETURN format('permission: a workstation may not change the %s of a contact', v_key);
      END IF;
    END LOOP;
    IF v_claim IS NULL OR v_contact.claim_token IS DISTINCT FROM v_claim
       OR v_contact.assigned_to IS DISTINCT FROM p_me THEN
      IF NOT EXISTS (SELECT 1 FROM public.contact_assignment x
                     WHERE x.contact_id = v_id AND x.advisor_id = p_me) THEN
        RETURN format('permission: contact %s is not yours', v_contact.reference);
      END IF;
      -- The late advisor's values are kept, and the case goes on the review list.
      PERFORM public.relais_keep_losers('contact', v_id, v_values, to_jsonb(v_contact),
                                        'stale_claim', p_me, p_ws);
      INSERT INTO public.review_item (id, contact_id, reason, created_by, created_at)
        SELECT gen_random_uuid(), v_id, 'lease_lost', p_me, now()
        WHERE NOT EXISTS (SELECT 1 FROM public.review_item r WHERE r.contact_id = v_id
                          AND r.reason = 'lease_lost' AND r.created_by = p_me);
      RETURN format('stale_claim: contact %s was claimed again after this workstation''s lease '
                    'expired', v_contact.reference);
    END IF;
    IF v_values ? 'status' AND v_values ->> 'status' NOT IN ('closed', v_contact.status) THEN
      RETURN 'permission: a workstation may only close a contact it holds';
    END IF;
    IF v_values ->> 'claim_token' IS NOT NULL OR v_values ->> 'lease_until' IS NOT NULL THEN
      RETURN 'permission: claims and leases are the centre''s to set';
    END IF;
    v_closing := COALESCE(v_values ->> 'status' = 'closed' AND v_contact.status <> 'closed', false);
    UPDATE public.contact SET
      status = CASE WHEN v_closing THEN 'closed' ELSE status END,
      closed_at = CASE WHEN v_closing THEN now() ELSE closed_at END,
      claim_token = CASE WHEN v_closing THEN NULL ELSE claim_token END,
      lease_until = CASE WHEN v_closing THEN NULL ELSE lease_until END,
      call_started_at = CASE WHEN v_values ? 'call_started_at'
        THEN (v_values ->> 'call_started_at')::timestamptz ELSE call_started_at END,
      call_ended_at = CASE WHEN v_values ? 'call_ended_at'
        THEN (v_values ->> 'call_ended_at')::timestamptz ELSE call_ended_at END,
      customer_id = CASE WHEN v_values ? 'customer_id'
        THEN (v_values ->> 'customer_id')::uuid ELSE customer_id END,
      version = version + 1
    WHERE id = v_id;
    IF v_closing THEN  -- everyone's part of the contact ends with it
      UPDATE public.contact_assignment SET ended_at = now()
        WHERE contact_id = v_id AND ended_at IS NULL;
    END IF;
  WHEN 'contact_assignment' THEN
    IF NOT EXISTS (SELECT 1 FROM public.contact_assignment
                   WHERE id = v_id AND advisor_id = p_me) THEN
      RETURN 'permission: only your own assignments end by your hand';
    END IF;
    IF EXISTS (SELECT 1 FROM jsonb_object_keys(v_values) k WHERE k <> 'ended_at') THEN
      RETURN 'permission: a workstation may only end an assignment';
    END IF;
    UPDATE public.contact_assignment SET ended_at = COALESCE(ended_at, now()) WHERE id = v_id;
  WHEN 'customer' THEN
    IF p_role = 'advisor' AND NOT EXISTS (SELECT 1 FROM public.desk_customer d
                                          WHERE d.login = session_user AND d.customer_id = v_id)
    THEN
      RETURN 'permission: this customer is not in your working set';
    END IF;
    SELECT * INTO v_customer FROM public.customer WHERE id = v_id FOR UPDATE;
    IF NOT FOUND THEN
      RETURN format('invalid: customer %s does not exist on the centre', v_id);
    END IF;
    v_current := to_jsonb(v_customer);
    FOR v_key, v_value IN SELECT * FROM jsonb_each(v_values) LOOP
      CONTINUE WHEN v_key IN ('version', 'updated_at', 'last_key', 'first_key');
      IF v_key NOT IN ('first_name', 'last_name', 'language', 'segment', 'tags',
                       'postal_address', 'account_number') THEN
        RETURN format('permission: a workstation may not change the %s of a customer', v_key);
      END IF;
      IF v_current -> v_key = v_value
         OR v_current -> v_key = COALESCE(v_before -> v_key, v_current -> v_key) THEN
        v_winners := v_winners || jsonb_build_object(v_key, v_value);
      ELSE
        v_losers := v_losers || jsonb_build_object(v_key, v_value);
      END IF;
    END LOOP;
    PERFORM public.relais_keep_losers('customer', v_id, v_losers, v_current, 'first_edit_wins',
                                      p_me, p_ws);
    IF v_winners <> '{}' THEN
      -- The folded names search uses follow the names.
      IF v_winners ? 'last_name' THEN
        v_winners := v_winners || jsonb_build_object('last_key', COALESCE(
          v_values ->> 'last_key', public.relais_name_key(v_winners ->> 'last_name')));
      END IF;
      IF v_winners ? 'first_name' THEN
        v_winners := v_winners || jsonb_build_object('first_key', COALESCE(
          v_values ->> 'first_key', public.relais_name_key(v_winners ->> 'first_name')));
      END IF;
      UPDATE public.customer c SET first_name = n.first_name, last_name = n.last_name,
        language = n.language, segment = n.segment, tags = n.tags,
        postal_address = n.postal_address, account_number = n.account_number,
        last_key = n.last_key, first_key = n.first_key, updated_at = now(),
        version = c.version + 1
      FROM jsonb_populate_record(v_customer, v_winners) n WHERE c.id = v_id;
    END IF;
  WHEN 'template', 'reason_code', 'incident' THEN
    IF p_role NOT IN ('supervisor', 'admin') THEN
      RETURN format('permission: only supervisors change %s', v_table);
    END IF;
    v_columns := CASE v_table
      WHEN 'template' THEN 'key, category, language, channels, title, body, current_version, active'
      WHEN 'reason_code' THEN 'code, label_en, label_fr, category, active'
      ELSE 'title, description, started_at, ended_at' END;
    EXECUTE format('UPDATE public.%1$I t SET (%2$s) = (SELECT %2$s FROM '
                   'jsonb_populate_record(t, $1)) WHERE t.id = $2', v_table, v_columns)
      USING v_values, v_id;
  ELSE
    RETURN format('permission: the centre takes no changes to %s from a workstation', v_table);
  END CASE;
  RETURN NULL;
END $$;
"""

# The push: a batch of outbox operations in order, each applied once. The workstation's progress
# moves in the same transaction; an operation the centre refuses is answered and stored, never
# blocking those behind it; one the centre's own code fails on stops the batch there, so it and
# those behind it wait on the workstation instead of being refused for a bug.
_PUSH = """
CREATE OR REPLACE FUNCTION public.relais_push(p_workstation uuid, p_ops jsonb) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_me uuid;
  v_role text;
  v_team uuid;
  v_last bigint;
  v_last_op uuid;
  v_n int;
  v_i int := 0;
  v_j int;
  v_k int;
  v_op jsonb;
  v_seq bigint;
  v_upto bigint;
  v_upto_op uuid;
  v_refused jsonb := '{}';
  v_failed jsonb;
  v_reason text;
  v_run jsonb;
  v_table text;
  v_ids uuid[];
BEGIN
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;  -- see _HOLD_LOG
  PERFORM set_config('relais.log_held', 'on', true);
  SELECT id, role, team_id INTO v_me, v_role, v_team
    FROM public.advisor WHERE login = session_user AND active;
  IF v_me IS NULL THEN
    RAISE EXCEPTION 'login % is not an active user of this centre', session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_workstation IS NULL OR jsonb_typeof(p_ops) IS DISTINCT FROM 'array' THEN
    RAISE EXCEPTION 'a push names its workstation and carries an array of operations'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  v_n := jsonb_array_length(p_ops);
  IF v_n > 1000 THEN
    RAISE EXCEPTION 'at most 1000 operations per push' USING ERRCODE = 'program_limit_exceeded';
  END IF;
  INSERT INTO public.applied_ops (login, workstation_id, last_seq, updated_at)
    VALUES (session_user, p_workstation, 0, now()) ON CONFLICT DO NOTHING;
  SELECT last_seq, last_op_id INTO v_last, v_last_op FROM public.applied_ops
    WHERE login = session_user AND workstation_id = p_workstation FOR UPDATE;
  IF v_n = 0 THEN
    RETURN jsonb_build_object('upto', v_last, 'refused', v_refused);
  END IF;
  -- A replay (the answer to a committed batch was lost) holds the very operation applied last;
  -- anything else below that number is not what the centre applied.
  IF (p_ops -> 0 ->> 'seq')::bigint <= v_last AND v_last_op IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM jsonb_array_elements(p_ops) o
       WHERE (o ->> 'seq')::bigint = v_last AND (o ->> 'op_id')::uuid = v_last_op) THEN
    RETURN jsonb_build_object('diverged', true);
  END IF;
  -- The rows the batch updates, locked in one order: two workstations pushing edits of the same
  -- customers do not each wait for the other.
  -- Only rows the caller may change: naming others' rows locks nothing of theirs.
  FOR v_table, v_ids IN
    SELECT o ->> 'table', array_agg(DISTINCT (o ->> 'row_id')::uuid)
    FROM jsonb_array_elements(p_ops) o
    WHERE o ->> 'kind' = 'update' AND (o ->> 'seq')::bigint > v_last
      AND o ->> 'table' IN ('contact', 'customer', 'contact_assignment')
    GROUP BY 1 ORDER BY 1
  LOOP
    CASE v_table
    WHEN 'contact' THEN
      PERFORM 1 FROM public.contact WHERE id = ANY (v_ids) AND assigned_to = v_me
        ORDER BY id FOR UPDATE;
    WHEN 'contact_assignment' THEN
      PERFORM 1 FROM public.contact_assignment WHERE id = ANY (v_ids) AND advisor_id = v_me
        ORDER BY id FOR UPDATE;
    ELSE
      PERFORM 1 FROM public.customer k WHERE k.id = ANY (v_ids) AND (v_role <> 'advisor'
        OR EXISTS (SELECT 1 FROM public.desk_customer d
                   WHERE d.login = session_user AND d.customer_id = k.id))
        ORDER BY k.id FOR UPDATE;
    END CASE;
  END LOOP;
  v_upto := v_last;
  v_upto_op := v_last_op;
  WHILE v_i < v_n AND v_failed IS NULL LOOP
    v_op := p_ops -> v_i;
    v_seq := (v_op ->> 'seq')::bigint;
    IF v_seq <= v_last THEN  -- applied before: the same answer again
      SELECT reason INTO v_reason FROM public.sync_refusal
        WHERE login = session_user AND workstation_id = p_workstation AND seq = v_seq;
      IF FOUND THEN
        v_refused := v_refused || jsonb_build_object(v_seq::text, v_reason);
      END IF;
      v_i := v_i + 1;
      CONTINUE;
    END IF;
    IF v_seq <= v_upto THEN
      RAISE EXCEPTION 'operations out of order at %', v_seq USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Consecutive inserts into one table go in one statement; replayed one by one on any trouble.
    v_j := v_i + 1;
    IF v_op ->> 'kind' = 'insert' THEN
      WHILE v_j < v_n AND p_ops -> v_j ->> 'kind' = 'insert'
            AND p_ops -> v_j ->> 'table' = v_op ->> 'table' LOOP
        v_j := v_j + 1;
      END LOOP;
    END IF;
    v_reason := 'one by one';
    IF v_j - v_i > 1 THEN
      SELECT jsonb_agg(x.o -> 'values' ORDER BY x.n) INTO v_run
        FROM jsonb_array_elements(p_ops) WITH ORDINALITY AS x(o, n)
        WHERE x.n > v_i AND x.n <= v_j;
      BEGIN
        v_reason := public.relais_insert_rows(v_op ->> 'table', v_run, v_me, v_role, v_team);
        IF v_reason IS NOT NULL THEN
          RAISE EXCEPTION 'refused' USING ERRCODE = 'RL001';
        END IF;
      EXCEPTION
        WHEN SQLSTATE '40P01' OR SQLSTATE '40001' OR SQLSTATE '55P03' OR SQLSTATE '57014' THEN
          RAISE;
        WHEN OTHERS THEN
          v_reason := 'one by one';
      END;
    END IF;
    IF v_reason IS NULL THEN
      v_upto := (p_ops -> (v_j - 1) ->> 'seq')::bigint;
      v_upto_op := (p_ops -> (v_j - 1) ->> 'op_id')::uuid;
    ELSE
      v_k := v_i;
      WHILE v_k < v_j AND v_failed IS NULL LOOP
        v_op := p_ops -> v_k;
        v_seq := (v_op ->> 'seq')::bigint;
        BEGIN
          IF v_op ->> 'kind' = 'insert' THEN
            v_reason := public.relais_insert_rows(v_op ->> 'table',
              jsonb_build_array(v_op -> 'values'), v_me, v_role, v_team);
          ELSIF v_op ->> 'kind' = 'update' THEN
            v_reason := public.relais_update_row(v_op, v_me, v_role, v_team, p_workstation);
          ELSE
            v_reason := format('invalid: unknown operation %s', v_op ->> 'kind');
          END IF;
        EXCEPTION
          WHEN SQLSTATE '40P01' OR SQLSTATE '40001' OR SQLSTATE '55P03' OR SQLSTATE '57014' THEN
            RAISE;
          WHEN insufficient_privilege THEN
            v_reason := 'permission: ' || SQLERRM;
          WHEN OTHERS THEN
            IF left(SQLSTATE, 2) IN ('22', '23') THEN
              v_reason := 'invalid: ' || SQLERRM;
            ELSE
              v_failed := jsonb_build_object('seq', v_seq, 'sqlstate', SQLSTATE,
                                             'detail', SQLERRM);
            END IF;
        END;
        IF v_failed IS NULL THEN
          IF v_reason IS NOT NULL THEN
            INSERT INTO public.sync_refusal (login, workstation_id, seq, table_name, row_id,
                                             reason, payload, created_at)
              VALUES (session_user, p_workstation, v_seq, left(v_op ->> 'table', 64),
                      (v_op ->> 'row_id')::uuid, v_reason, v_op::json, now())
              ON CONFLICT DO NOTHING;
            v_refused := v_refused || jsonb_build_object(v_seq::text, v_reason);
          END IF;
          v_upto := v_seq;
          v_upto_op := (v_op ->> 'op_id')::uuid;
        END IF;
        v_k := v_k + 1;
      END LOOP;
    END IF;
    v_i := v_j;
  END LOOP;
  UPDATE public.applied_ops SET last_seq = v_upto, last_op_id = v_upto_op, updated_at = now()
    WHERE login = session_user AND workstation_id = p_workstation;
  RETURN jsonb_build_object('upto', v_upto, 'refused', v_refused, 'failed', v_failed);
END $$;
"""

# -- PostgreSQL: claims, leases, the working set --------------------------------------------------

_LEASE = "interval '15 minutes'"
_ME_OR_REFUSE = """
  SELECT id, team_id INTO v_me, v_team FROM public.advisor WHERE login = session_user AND active;
  IF v_me IS NULL THEN
    RAISE EXCEPTION 'login % is not an active user of this centre', session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;"""
# Every transaction that writes the centre's shared data holds this lock from before it has a
# transaction id until it ends: the pull waits for such transactions only (app.sync.cursor), and
# no user can take it but through these functions. So a user keeping a transaction of their own
# open holds nobody's pull back.
_HOLD_LOG = """
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);  -- the hold_log triggers need not"""
# A contact's customer, its own and its team's open and recent contacts bring into the working
# set of the user (app.sync.scope says the same for reading).
_ENTERING = (
    "(k.assigned_to = v_me OR ((v_team IS NULL OR k.team_id = v_team OR k.team_id IS NULL) "
    "AND (k.status IN ('queued', 'in_progress') OR k.received_at > now() - interval '14 days')))"
)

_CLAIMS = f"""
CREATE OR REPLACE FUNCTION public.relais_hand_over(p_id uuid, p_me uuid, p_assignment uuid,
  p_status text, p_holder uuid)
  RETURNS TABLE (c public.contact, a public.contact_assignment) LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_c public.contact;
  v_a public.contact_assignment;
BEGIN
  -- p_status and p_holder: the contact's, as the caller read it under its lock.
  IF p_status = 'in_progress' AND p_holder = p_me THEN
    -- The user's own lapsed lease, nobody having taken it: the same claim goes on, so that
    -- what their workstation has not sent yet on it is still theirs to send.
    UPDATE public.contact SET lease_until = now() + {_LEASE}, version = version + 1
      WHERE id = p_id RETURNING * INTO v_c;
    SELECT * INTO v_a FROM public.contact_assignment x
      WHERE x.contact_id = p_id AND x.advisor_id = p_me AND x.ended_at IS NULL
      ORDER BY x.started_at DESC LIMIT 1;
    IF FOUND THEN
      RETURN QUERY SELECT v_c, v_a;
      RETURN;
    END IF;
  ELSE
    IF p_status = 'in_progress' THEN  -- whoever held it (a lapsed lease) holds it no more
      UPDATE public.contact_assignment SET ended_at = now()
        WHERE contact_id = p_id AND ended_at IS NULL;
    END IF;
    UPDATE public.contact SET status = 'in_progress', assigned_to = p_me,
           claim_token = gen_random_uuid(), lease_until = now() + {_LEASE},
           version = version + 1
      WHERE id = p_id RETURNING * INTO v_c;
  END IF;
  INSERT INTO public.contact_assignment (id, contact_id, advisor_id, started_at)
    VALUES (COALESCE(p_assignment, gen_random_uuid()), p_id, p_me, now()) RETURNING * INTO v_a;
  RETURN QUERY SELECT v_c, v_a;
END $$;

-- The next contact in queue order for this user's team (lapsed leases first: they waited
-- longest), taken with FOR UPDATE SKIP LOCKED so that each goes to one advisor.
CREATE OR REPLACE FUNCTION public.relais_claim_next(p_assignment uuid, p_channels text[])
  RETURNS TABLE (c public.contact, a public.contact_assignment) LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_me uuid;
  v_team uuid;
  v_id uuid;
  v_status text := 'in_progress';
  v_holder uuid;
BEGIN{_HOLD_LOG}{_ME_OR_REFUSE}
  SELECT k.id, k.assigned_to INTO v_id, v_holder FROM public.contact k
    WHERE k.status = 'in_progress' AND k.lease_until < now()
      AND (p_channels IS NULL OR k.channel = ANY (p_channels))
      AND (v_team IS NULL OR k.team_id = v_team OR k.team_id IS NULL)
    ORDER BY k.priority DESC, k.due_at, k.id LIMIT 1 FOR UPDATE SKIP LOCKED;
  IF v_id IS NULL THEN
    v_status := 'queued';
    SELECT k.id INTO v_id FROM public.contact k
      WHERE k.status = 'queued' AND k.received_at <= now()
        AND (p_channels IS NULL OR k.channel = ANY (p_channels))
        AND (v_team IS NULL OR k.team_id = v_team OR k.team_id IS NULL)
      ORDER BY k.priority DESC, k.due_at, k.id LIMIT 1 FOR UPDATE SKIP LOCKED;
  END IF;
  IF v_id IS NOT NULL THEN
    RETURN QUERY SELECT * FROM public.relais_hand_over(v_id, v_me, p_assignment, v_status,
                                                       v_holder);
  END IF;
END $$;

-- One chosen contact: 'claimed' (with the claim), 'mine' (already held by this user), 'taken'
-- (someone else holds it, or it is closed; no token comes back) or 'missing'.
CREATE OR REPLACE FUNCTION public.relais_take(p_contact uuid, p_assignment uuid)
  RETURNS TABLE (outcome text, c public.contact, a public.contact_assignment) LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_me uuid;
  v_team uuid;
  v_c public.contact;
BEGIN{_HOLD_LOG}{_ME_OR_REFUSE}
  -- Looked at first without a lock: asking for a contact one may not take locks nothing.
  SELECT * INTO v_c FROM public.contact WHERE id = p_contact;
  IF FOUND AND ((v_c.status = 'queued' AND v_c.received_at <= now())
                OR (v_c.status = 'in_progress' AND (v_c.assigned_to = v_me
                                                    OR v_c.lease_until < now())))
     AND (v_team IS NULL OR v_c.team_id = v_team OR v_c.team_id IS NULL) THEN
    SELECT * INTO v_c FROM public.contact WHERE id = p_contact FOR UPDATE;
  END IF;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'missing'::text, NULL::public.contact, NULL::public.contact_assignment;
    RETURN;
  END IF;
  IF v_c.status = 'in_progress' AND v_c.assigned_to = v_me AND v_c.lease_until >= now() THEN
    RETURN QUERY SELECT 'mine'::text, v_c, (
      SELECT x FROM public.contact_assignment x
      WHERE x.contact_id = p_contact AND x.advisor_id = v_me AND x.ended_at IS NULL
      ORDER BY x.started_at DESC LIMIT 1);
    RETURN;
  END IF;
  IF ((v_c.status = 'queued' AND v_c.received_at <= now())
      OR (v_c.status = 'in_progress' AND v_c.lease_until < now()))
     AND (v_team IS NULL OR v_c.team_id = v_team OR v_c.team_id IS NULL) THEN
    RETURN QUERY SELECT 'claimed'::text, h.c, h.a
      FROM public.relais_hand_over(p_contact, v_me, p_assignment, v_c.status,
                                   v_c.assigned_to) h;
    RETURN;
  END IF;
  v_c.claim_token := NULL;  -- someone else's
  RETURN QUERY SELECT 'taken'::text, v_c, NULL::public.contact_assignment;
END $$;

-- Renews the leases, among these claims of the user's, that are past half their time: the
-- centre's clock decides, whatever the workstation's says.
CREATE OR REPLACE FUNCTION public.relais_renew(p_tokens uuid[]) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_me uuid;
  v_team uuid;
  v_n integer;
BEGIN{_HOLD_LOG}{_ME_OR_REFUSE}
  UPDATE public.contact SET lease_until = now() + {_LEASE}
    WHERE assigned_to = v_me AND status = 'in_progress' AND claim_token = ANY (p_tokens)
      AND lease_until < now() + {_LEASE} / 2;
  GET DIAGNOSTICS v_n = ROW_COUNT;
  RETURN v_n;
END $$;

-- Hands a contact the user holds back to the queue.
CREATE OR REPLACE FUNCTION public.relais_release(p_contact uuid, p_token uuid) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_me uuid;
  v_team uuid;
BEGIN{_HOLD_LOG}{_ME_OR_REFUSE}
  UPDATE public.contact SET status = 'queued', assigned_to = NULL, claim_token = NULL,
         lease_until = NULL, version = version + 1
    WHERE id = p_contact AND assigned_to = v_me AND status = 'in_progress'
      AND claim_token = p_token;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  UPDATE public.contact_assignment SET ended_at = now()
    WHERE contact_id = p_contact AND ended_at IS NULL;
  RETURN true;
END $$;
"""

_DESK = f"""
-- Adds these customers to the user's working set, or renews their stay.
CREATE OR REPLACE FUNCTION public.relais_keep(p_customers uuid[]) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  INSERT INTO public.desk_customer (login, customer_id, since)
    SELECT session_user, k.id, now() FROM public.customer k
    WHERE k.id = ANY (p_customers) AND public.relais_me() IS NOT NULL
  ON CONFLICT (login, customer_id) DO UPDATE SET since = excluded.since $$;

-- Adds the customers of these contacts; returns those that were not in the set yet.
CREATE OR REPLACE FUNCTION public.relais_enter_through(p_contacts uuid[]) RETURNS SETOF uuid
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  INSERT INTO public.desk_customer (login, customer_id, since)
    SELECT DISTINCT session_user, k.customer_id, now() FROM public.contact k
    WHERE k.id = ANY (p_contacts) AND k.customer_id IS NOT NULL
      AND public.relais_me() IS NOT NULL
  ON CONFLICT DO NOTHING RETURNING customer_id $$;

-- Adds every customer that one of the user's or their team's open or recent contacts brings in.
CREATE OR REPLACE FUNCTION public.relais_enter_all() RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_me uuid;
  v_team uuid;
BEGIN{_ME_OR_REFUSE}
  INSERT INTO public.desk_customer (login, customer_id, since)
    SELECT DISTINCT session_user, k.customer_id, now() FROM public.contact k
    WHERE k.customer_id IS NOT NULL AND {_ENTERING}
  ON CONFLICT DO NOTHING;
END $$;

-- Takes out of the set the customers the user has had no reason to keep for 14 days.
CREATE OR REPLACE FUNCTION public.relais_leave_stale() RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_me uuid;
  v_team uuid;
  v_n integer;
BEGIN{_ME_OR_REFUSE}
  DELETE FROM public.desk_customer d WHERE d.login = session_user
    AND d.since < now() - interval '14 days'
    AND NOT EXISTS (SELECT 1 FROM public.contact k
                    WHERE k.customer_id = d.customer_id AND {_ENTERING});
  GET DIAGNOSTICS v_n = ROW_COUNT;
  RETURN v_n;
END $$;
"""

# What a user's group role may call; every other function stays the owner's.
_CALLABLE = (
    "relais_me()",
    "relais_my_role()",
    "relais_my_team()",
    "relais_in_my_team(uuid)",
    "relais_push(uuid, jsonb)",
    "relais_claim_next(uuid, text[])",
    "relais_take(uuid, uuid)",
    "relais_renew(uuid[])",
    "relais_release(uuid, uuid)",
    "relais_keep(uuid[])",
    "relais_enter_through(uuid[])",
    "relais_enter_all()",
    "relais_leave_stale()",
)


def upgrade() -> None:
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    for table in ("message", "note"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("written_at", app.models.base.UTCDateTime(timezone=True), nullable=True)
            )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("readers", sa.JSON().with_variant(postgresql.ARRAY(sa.Uuid()), "postgresql"))
        )
        batch_op.add_column(sa.Column("team_id", sa.Uuid(), nullable=True))
    # Keyed by the login too. In place on PostgreSQL: a rebuilt table would lose its row-level
    # security; SQLite can only rebuild.
    for table, key in (
        ("applied_ops", ["login", "workstation_id"]),
        ("sync_refusal", ["login", "workstation_id", "seq"]),
    ):
        with op.batch_alter_table(
            table, schema=None, recreate="auto" if postgres else "always"
        ) as batch_op:
            batch_op.drop_constraint(f"pk_{table}", type_="primary")
            batch_op.create_primary_key(f"pk_{table}", key)
    op.create_table(
        "centre_login",
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("created_at", app.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("login", name=op.f("pk_centre_login")),
        info={"scope": "central"},
    )
    op.create_table(
        "centre_role",
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=63), nullable=False),
        sa.PrimaryKeyConstraint("role", name=op.f("pk_centre_role")),
        sa.UniqueConstraint("name", name=op.f("uq_centre_role_name")),
        info={"scope": "central"},
    )
    if postgres:
        _postgresql(bind)
    else:
        _sqlite_checks(bind)


def _postgresql(bind: sa.Connection) -> None:
    for table, checks in CHECKS.items():
        for name, condition in checks.items():
            op.execute(
                f"ALTER TABLE public.{table} ADD CONSTRAINT ck_{table}_{name} "
                f"CHECK ({condition.format(length='char_length', new='')})"
            )
    op.execute(_IDENTITY)
    op.execute(_LOG)
    op.execute(_HOLD)
    for table in _HELD:
        op.execute(
            f"CREATE TRIGGER hold_log BEFORE INSERT OR UPDATE OR DELETE ON public.{table} "
            "FOR EACH STATEMENT WHEN (current_setting('relais.log_held', true) "
            "IS DISTINCT FROM 'on') EXECUTE FUNCTION public.relais_hold_log()"
        )
    for table, function in _RESTRICTED.items():
        for event in ("insert", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS log_{event} ON public.{table}")
            op.execute(
                f"CREATE TRIGGER log_{event} AFTER {event.upper()} ON public.{table} "
                "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
                f"EXECUTE FUNCTION public.{function}()"
            )
    op.execute(_BACKFILL)
    op.execute(_FOLLOW)
    for block in (_WRITABLE, _INSERT, _UPDATE, _PUSH, _CLAIMS, _DESK):
        op.execute(block)
    groups = _groups(bind)
    _rights(bind, groups)
    op.execute(_POLICIES)
    advisor = _quote(bind, groups["advisor"])
    op.execute(f"GRANT SELECT ON public.relais_my_claim TO {advisor}")
    for signature in _CALLABLE:
        op.execute(f"GRANT EXECUTE ON FUNCTION public.{signature} TO {advisor}")


def _quote(bind: sa.Connection, name: str) -> str:
    return str(bind.scalar(sa.text("SELECT quote_ident(:n)"), {"n": name}))


def _groups(bind: sa.Connection) -> dict[str, str]:
    """This centre's three group roles, made if need be and recorded in ``centre_role``; the
    users the shared roles of earlier revisions carried move into them."""
    database = str(bind.scalar(sa.text("SELECT current_database()")))
    groups = {role: group_name(database, role) for role in ROLES}
    parent = None
    for role in ROLES:
        name = _quote(bind, groups[role])
        exists = bind.scalar(
            sa.text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": groups[role]}
        )
        if not exists:
            member_of = f" IN ROLE {_quote(bind, groups[parent])}" if parent else ""
            op.execute(f"CREATE ROLE {name} NOLOGIN NOINHERIT{member_of}")
            op.execute(f"ALTER ROLE {name} INHERIT")
        parent = role
        bind.execute(
            sa.text("INSERT INTO public.centre_role (role, name) VALUES (:r, :n)"),
            {"r": role, "n": groups[role]},
        )
    # Users made by earlier revisions were members of the server-wide relais_* roles.
    movers = bind.execute(
        sa.text(
            "SELECT a.login, a.role FROM public.advisor a "
            "JOIN pg_roles u ON u.rolname = a.login "
            "WHERE EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "              WHERE m.member = u.oid AND g.rolname = ANY (:old))"
        ),
        {"old": list(OLD_GROUPS)},
    ).all()
    for login, role in movers:
        op.execute(f"GRANT {_quote(bind, groups[role])} TO {_quote(bind, login)}")
        bind.execute(
            sa.text("INSERT INTO public.centre_login (login, created_at) VALUES (:l, now())"),
            {"l": login},
        )
    return groups


def _rights(bind: sa.Connection, groups: dict[str, str]) -> None:
    """Reading only, and only this centre's users; no temporary tables, no objects of theirs."""
    database = _quote(bind, str(bind.scalar(sa.text("SELECT current_database()"))))
    advisor = _quote(bind, groups["advisor"])
    old = [
        _quote(bind, name)
        for name in OLD_GROUPS
        if bind.scalar(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
    ]
    for role in old:
        op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}")
        op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {role}")
        op.execute(f"REVOKE ALL ON SCHEMA public FROM {role}")
        op.execute(f"REVOKE ALL ON DATABASE {database} FROM {role}")
    op.execute("REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC")
    op.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC")
    op.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    # Large objects are anyone's to create, as much as they like, unless a superuser revokes
    # their functions (in this database only; a plain owner may not: see the README).
    op.execute(
        "DO $$ BEGIN IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN "
        "REVOKE EXECUTE ON FUNCTION pg_catalog.lo_create(oid), pg_catalog.lo_creat(integer), "
        "pg_catalog.lo_from_bytea(oid, bytea), pg_catalog.lo_import(text), "
        "pg_catalog.lo_import(text, oid) FROM PUBLIC; END IF; END $$"
    )
    op.execute(f"REVOKE CONNECT, TEMPORARY ON DATABASE {database} FROM PUBLIC")
    op.execute(f"GRANT CONNECT ON DATABASE {database} TO {advisor}")
    op.execute(f"GRANT USAGE ON SCHEMA public TO {advisor}")
    readable = [t for t in SHARED if t != "contact"]
    readable += ["change_log", "desk_customer", "alembic_version", "sync_refusal"]
    op.execute(f"GRANT SELECT ON {', '.join(f'public.{t}' for t in readable)} TO {advisor}")
    # A contact's claim token is its holder's alone (relais_my_claim).
    columns = bind.scalars(
        sa.text(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name = 'contact' "
            "AND column_name <> 'claim_token' ORDER BY ordinal_position"
        )
    ).all()
    op.execute(f"GRANT SELECT ({', '.join(columns)}) ON public.contact TO {advisor}")


def _sqlite_checks(bind: sa.Connection) -> None:
    """SQLite has neither lengths nor a text type that refuses NUL: triggers check what the
    centre accepts, as CHECK constraints do on PostgreSQL (adding those to SQLite tables would
    mean rebuilding every one of them)."""
    inspector = sa.inspect(bind)
    for table in SHARED:
        conditions = [c.format(length="length", new="NEW.") for c in CHECKS.get(table, {}).values()]
        for column in inspector.get_columns(table):
            kind = column["type"]
            if isinstance(kind, sa.String) and not isinstance(kind, sa.CHAR):  # CHAR(32): UUIDs
                name = column["name"]
                conditions.append(f"instr(NEW.{name}, char(0)) = 0")
                if kind.length:
                    conditions.append(f"length(NEW.{name}) <= {kind.length}")
        if not conditions:
            continue
        test = " AND ".join(f"coalesce({c}, 1)" for c in conditions)
        for event in ("insert", "update"):
            op.execute(
                f"CREATE TRIGGER check_{event}_{table} BEFORE {event.upper()} ON {table} "
                f"WHEN NOT ({test}) BEGIN "
                f"SELECT RAISE(ABORT, 'CHECK constraint failed: {table}'); END"
            )


def downgrade() -> None:
    raise NotImplementedError(
        "The centre's checked write path cannot be taken back: restore a backup made before "
        "this revision instead."
    )
