-- Back office (revision 3fe0ed6959e9): what puts a contact on the supervisors' review list,
-- besides an advisor's low self-assessment: a lease lost (a colleague took the contact over
-- from an advisor whose lease lapsed), conflicting changes on a contact, and a survey answer
-- two points or more away from the closing advisor's feeling. The centre writes them itself.

CREATE OR REPLACE FUNCTION public.relais_review_lease_lost() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  INSERT INTO public.review_item (id, contact_id, reason, created_by, created_at, state)
    SELECT DISTINCT ON (n.contact_id) gen_random_uuid(), n.contact_id, 'lease_lost', NULL,
           now(), 'to_review'
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    JOIN public.contact k ON k.id = n.contact_id
    WHERE o.ended_at IS NULL AND n.ended_at IS NOT NULL
      AND k.status = 'in_progress' AND k.assigned_to = n.advisor_id AND k.lease_until < now();
  RETURN NULL;
END $$;
CREATE TRIGGER review_lease_lost AFTER UPDATE ON public.contact_assignment
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.relais_review_lease_lost();

CREATE OR REPLACE FUNCTION public.relais_review_conflict() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  INSERT INTO public.review_item (id, contact_id, reason, created_by, created_at, state)
    SELECT gen_random_uuid(), c.row_id, 'conflict', NULL, now(), 'to_review'
    FROM (SELECT DISTINCT n.row_id FROM new_rows n WHERE n.table_name = 'contact') c
    WHERE EXISTS (SELECT 1 FROM public.contact k WHERE k.id = c.row_id)
      AND NOT EXISTS (SELECT 1 FROM public.review_item r WHERE r.contact_id = c.row_id
                      AND r.reason = 'conflict' AND r.state <> 'done');
  RETURN NULL;
END $$;
CREATE TRIGGER review_conflict AFTER INSERT ON public.sync_conflict
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.relais_review_conflict();

CREATE OR REPLACE FUNCTION public.relais_review_disagreement() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  INSERT INTO public.review_item (id, contact_id, reason, created_by, created_at, state)
    SELECT gen_random_uuid(), n.contact_id, 'disagreement', NULL, now(), 'to_review'
    FROM new_rows n JOIN public.contact k ON k.id = n.contact_id
    CROSS JOIN LATERAL (
      SELECT w.self_assessment FROM public.wrap_up w
      WHERE w.contact_id = n.contact_id AND w.advisor_id = k.assigned_to
        AND NOT EXISTS (SELECT 1 FROM public.wrap_up s WHERE s.supersedes_id = w.id)
      ORDER BY w.created_at DESC LIMIT 1) f
    WHERE abs(f.self_assessment
              - CASE n.csat WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 3 ELSE 4 END) >= 2;
  RETURN NULL;
END $$;
CREATE TRIGGER review_disagreement AFTER INSERT ON public.survey_answer
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.relais_review_disagreement();
