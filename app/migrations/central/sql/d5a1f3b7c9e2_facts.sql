-- Contact facts (revision d5a1f3b7c9e2): what the dashboard reads of each contact, kept by the
-- centre (app/models/facts.py says what each column holds). The triggers mark the contacts whose
-- facts a write changes; relais_refresh_facts() computes those again, before a reading.
-- Statement-level where COPY writes (a bulk seed marks its rows in one insert), row-level with
-- a WHEN where the claims' updates pass by (a claim marks nothing: PostgreSQL tests the WHEN
-- without calling any function).

-- A new contact; and, when a customer starts it, the same customer's contacts closed within
-- the 7 days before it arrived (it is their return).
CREATE FUNCTION public.relais_facts_inserted_contacts() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  INSERT INTO public.contact_fact_stale (contact_id)
    SELECT n.id FROM new_rows n
    UNION
    SELECT k.id FROM new_rows n JOIN public.contact k ON k.customer_id = n.customer_id
    WHERE n.parent_id IS NULL AND k.id <> n.id AND k.closed_at IS NOT NULL
      AND k.received_at < n.received_at AND k.closed_at >= n.received_at - interval '7 days'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER facts_contact_insert AFTER INSERT ON public.contact
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION public.relais_facts_inserted_contacts();

-- A change of what the facts read of the contact; when its customer, arrival or parent change,
-- the contacts it is (or was) the return of as well.
CREATE FUNCTION public.relais_facts_updated_contact() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  INSERT INTO public.contact_fact_stale (contact_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  IF (OLD.customer_id, OLD.received_at, OLD.parent_id)
     IS DISTINCT FROM (NEW.customer_id, NEW.received_at, NEW.parent_id) THEN
    INSERT INTO public.contact_fact_stale (contact_id)
      SELECT k.id FROM public.contact k
      WHERE k.customer_id IN (OLD.customer_id, NEW.customer_id) AND k.id <> NEW.id
        AND k.closed_at IS NOT NULL
        AND k.received_at < greatest(OLD.received_at, NEW.received_at)
        AND k.closed_at >= least(OLD.received_at, NEW.received_at) - interval '7 days'
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER facts_contact_update AFTER UPDATE ON public.contact FOR EACH ROW
  WHEN (OLD.closed_at IS DISTINCT FROM NEW.closed_at
        OR (OLD.status = 'closed') IS DISTINCT FROM (NEW.status = 'closed')
        OR OLD.received_at IS DISTINCT FROM NEW.received_at
        OR OLD.team_id IS DISTINCT FROM NEW.team_id OR OLD.channel IS DISTINCT FROM NEW.channel
        OR OLD.customer_id IS DISTINCT FROM NEW.customer_id
        OR OLD.parent_id IS DISTINCT FROM NEW.parent_id
        OR OLD.call_started_at IS DISTINCT FROM NEW.call_started_at
        OR OLD.call_ended_at IS DISTINCT FROM NEW.call_ended_at
        OR (NEW.status = 'closed' AND OLD.assigned_to IS DISTINCT FROM NEW.assigned_to))
  EXECUTE FUNCTION public.relais_facts_updated_contact();

-- A reply (its first one is the contact's first response).
CREATE FUNCTION public.relais_facts_new_messages() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  INSERT INTO public.contact_fact_stale (contact_id)
    SELECT DISTINCT n.contact_id FROM new_rows n WHERE n.direction = 'outbound'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER facts_message_insert AFTER INSERT ON public.message
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION public.relais_facts_new_messages();

-- A wrap-up (the closing advisor's outcome, a transfer).
CREATE FUNCTION public.relais_facts_new_wrap_ups() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  INSERT INTO public.contact_fact_stale (contact_id)
    SELECT DISTINCT n.contact_id FROM new_rows n
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER facts_wrap_up_insert AFTER INSERT ON public.wrap_up
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION public.relais_facts_new_wrap_ups();

-- An assignment that ends, or changes: the time the contact was held. A new assignment marks
-- nothing: only a queued contact is claimed, and its handling time counts once it closes,
-- which marks it.
CREATE FUNCTION public.relais_facts_assignment() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  INSERT INTO public.contact_fact_stale (contact_id) VALUES (NEW.contact_id)
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER facts_assignment_update AFTER UPDATE ON public.contact_assignment FOR EACH ROW
  WHEN (OLD.ended_at IS DISTINCT FROM NEW.ended_at OR OLD.started_at IS DISTINCT FROM NEW.started_at
        OR OLD.advisor_id IS DISTINCT FROM NEW.advisor_id)
  EXECUTE FUNCTION public.relais_facts_assignment();

-- Who reads which facts: as wrap_up_read, by the contact's closer (its advisor, their team's
-- supervisor, administrators), and a supervisor their team's contacts as well.
ALTER TABLE public.contact_fact ENABLE ROW LEVEL SECURITY;
CREATE POLICY contact_fact_read ON public.contact_fact FOR SELECT USING (
  closer_id = (SELECT public.relais_me())
  OR (SELECT public.relais_my_role()) = 'admin'
  OR ((SELECT public.relais_my_role()) = 'supervisor' AND (
    team_id = (SELECT public.relais_my_team())
    OR closer_id IN (
      SELECT a.id FROM public.advisor a WHERE a.team_id = (SELECT public.relais_my_team())))));
GRANT SELECT ON public.contact_fact TO @advisor@;

-- The facts of the marked contacts computed again (app/backoffice/facts.py, refresh_statement,
-- compiled for PostgreSQL with every name schema-qualified). For supervisors and administrators,
-- before a reading.
CREATE FUNCTION public.relais_refresh_facts() RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $refresh$
WITH taken AS 
(DELETE FROM public.contact_fact_stale RETURNING public.contact_fact_stale.contact_id), 
facts_of AS 
(SELECT public.contact.id AS id, public.contact.team_id AS team_id, public.contact.channel AS channel, public.contact.parent_id IS NULL AS customer_started, public.contact.received_at AS received_at, CASE WHEN (public.contact.status = 'closed') THEN public.contact.closed_at END AS closed_at, CASE WHEN (public.contact.status = 'closed') THEN public.contact.assigned_to END AS closer_id, public.contact.customer_id AS customer_id, public.contact.call_started_at AS call_started_at, public.contact.call_ended_at AS call_ended_at 
FROM public.contact JOIN taken ON taken.contact_id = public.contact.id)
 INSERT INTO public.contact_fact (contact_id, team_id, channel, customer_started, received_at, closed_at, closer_id, answered_at, handled, advisors, talk, resolved, transfer_said, came_back) SELECT facts_of.id AS contact_id, facts_of.team_id, facts_of.channel, facts_of.customer_started, facts_of.received_at, facts_of.closed_at, facts_of.closer_id, CASE WHEN (facts_of.channel = 'phone') THEN facts_of.call_started_at ELSE replies.first_reply END AS answered_at, CASE WHEN (facts_of.closed_at IS NOT NULL) THEN held.handled END AS handled, coalesce(held.advisors, 0) AS advisors, CASE WHEN (facts_of.call_started_at IS NOT NULL AND facts_of.call_ended_at IS NOT NULL) THEN date_part('epoch', (facts_of.call_ended_at) - (facts_of.call_started_at)) END AS talk, coalesce(outcomes.resolved, 0) = 1 AS resolved, coalesce(outcomes.transfer_said, 0) = 1 AS transfer_said, CASE WHEN (facts_of.closed_at IS NOT NULL AND facts_of.customer_id IS NOT NULL) THEN EXISTS (SELECT contact_1.id 
FROM public.contact AS contact_1 
WHERE contact_1.customer_id = facts_of.customer_id AND contact_1.id != facts_of.id AND contact_1.parent_id IS NULL AND contact_1.received_at > facts_of.received_at AND date_part('epoch', (contact_1.received_at) - (facts_of.closed_at)) <= 604800) ELSE false END AS came_back 
FROM facts_of LEFT OUTER JOIN (SELECT message_1.contact_id AS contact_id, min(message_1.created_at) AS first_reply 
FROM public.message AS message_1 JOIN facts_of ON facts_of.id = message_1.contact_id 
WHERE message_1.direction = 'outbound' AND message_1.created_at >= facts_of.received_at GROUP BY message_1.contact_id) AS replies ON replies.contact_id = facts_of.id LEFT OUTER JOIN (SELECT contact_assignment_1.contact_id AS contact_id, sum(date_part('epoch', (coalesce(contact_assignment_1.ended_at, facts_of.closed_at)) - (contact_assignment_1.started_at))) AS handled, count(distinct(contact_assignment_1.advisor_id)) AS advisors 
FROM public.contact_assignment AS contact_assignment_1 JOIN facts_of ON facts_of.id = contact_assignment_1.contact_id GROUP BY contact_assignment_1.contact_id) AS held ON held.contact_id = facts_of.id LEFT OUTER JOIN (SELECT live.contact_id AS contact_id, max(CASE WHEN (live.closer AND live.rank = 1 AND live.outcome = 'resolved') THEN 1 ELSE 0 END) AS resolved, max(CASE WHEN (live.outcome = 'transferred') THEN 1 ELSE 0 END) AS transfer_said 
FROM (SELECT wrap_up_1.contact_id AS contact_id, wrap_up_1.outcome AS outcome, wrap_up_1.advisor_id = facts_of.closer_id AS closer, row_number() OVER (PARTITION BY wrap_up_1.contact_id, wrap_up_1.advisor_id ORDER BY wrap_up_1.created_at DESC, wrap_up_1.id DESC) AS rank 
FROM public.wrap_up AS wrap_up_1 JOIN facts_of ON facts_of.id = wrap_up_1.contact_id 
WHERE NOT (EXISTS (SELECT wrap_up_2.id 
FROM public.wrap_up AS wrap_up_2 
WHERE wrap_up_2.supersedes_id = wrap_up_1.id))) AS live GROUP BY live.contact_id) AS outcomes ON outcomes.contact_id = facts_of.id ON CONFLICT (contact_id) DO UPDATE SET team_id = excluded.team_id, channel = excluded.channel, customer_started = excluded.customer_started, received_at = excluded.received_at, closed_at = excluded.closed_at, closer_id = excluded.closer_id, answered_at = excluded.answered_at, handled = excluded.handled, advisors = excluded.advisors, talk = excluded.talk, resolved = excluded.resolved, transfer_said = excluded.transfer_said, came_back = excluded.came_back
$refresh$;
-- A function is its grantees' only (PUBLIC may execute any new function otherwise).
REVOKE EXECUTE ON FUNCTION public.relais_refresh_facts(), public.relais_facts_inserted_contacts(),
  public.relais_facts_updated_contact(), public.relais_facts_new_messages(),
  public.relais_facts_new_wrap_ups(), public.relais_facts_assignment() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.relais_refresh_facts() TO @supervisor@;
