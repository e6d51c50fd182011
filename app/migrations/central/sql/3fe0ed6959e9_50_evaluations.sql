-- Back office (revision 3fe0ed6959e9): case review. Scorecards and their versions, evaluations
-- (entered blind in the back office, made with one scorecard version), the evaluated advisor's
-- answer, and the review list's states. Users call these functions; none writes the tables.
-- A refusal's message starts with its key ("not_closed: ..."): app/backoffice/refusals.py turns
-- the key into the same message the embedded centre gives. The embedded SQLite centre runs the
-- same rules in app/backoffice/{scorecards,evaluations,reviews}.py.

-- What a scorecard version's criteria must be: 1 to 50 objects {"key", "label", "weight"}; keys
-- of 1 to 40 characters among a-z, 0-9 and _, unique; labels of 1 to 200 characters (once
-- trimmed); weights numbers above 0, at most 1000. NULL when they are, else the refusal's key.
CREATE OR REPLACE FUNCTION public.relais_criteria_problem(p jsonb) RETURNS text
  LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF p IS NULL OR jsonb_typeof(p) <> 'array' OR jsonb_array_length(p) = 0 THEN
    RETURN 'no_criteria';
  END IF;
  IF jsonb_array_length(p) > 50 THEN
    RETURN 'too_many_criteria';
  END IF;
  IF EXISTS (SELECT 1 FROM jsonb_array_elements(p) e
             WHERE jsonb_typeof(e) <> 'object'
                OR jsonb_typeof(e -> 'key') IS DISTINCT FROM 'string'
                OR jsonb_typeof(e -> 'label') IS DISTINCT FROM 'string'
                OR jsonb_typeof(e -> 'weight') IS DISTINCT FROM 'number') THEN
    RETURN 'bad_criterion';
  END IF;
  IF EXISTS (SELECT 1 FROM jsonb_array_elements(p) e
             WHERE (e ->> 'key') !~ '^[a-z0-9_]{1,40}$') THEN
    RETURN 'bad_key';
  END IF;
  IF (SELECT count(DISTINCT e ->> 'key') FROM jsonb_array_elements(p) e)
     <> jsonb_array_length(p) THEN
    RETURN 'duplicate_key';
  END IF;
  IF EXISTS (SELECT 1 FROM jsonb_array_elements(p) e
             WHERE btrim(e ->> 'label') = '' OR char_length(btrim(e ->> 'label')) > 200) THEN
    RETURN 'bad_label';
  END IF;
  IF EXISTS (SELECT 1 FROM jsonb_array_elements(p) e
             WHERE (e ->> 'weight')::numeric <= 0 OR (e ->> 'weight')::numeric > 1000) THEN
    RETURN 'bad_weight';
  END IF;
  RETURN NULL;
END $$;

-- The criteria as a version keeps them: labels trimmed, in the order given.
CREATE OR REPLACE FUNCTION public.relais_criteria_kept(p jsonb) RETURNS json
  LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT json_agg(json_build_object('key', e ->> 'key', 'label', btrim(e ->> 'label'),
                                    'weight', e -> 'weight') ORDER BY n)
  FROM jsonb_array_elements(p) WITH ORDINALITY AS x(e, n) $$;

-- Scorecards are central only (no change log): no _HOLD_LOG prelude.
CREATE OR REPLACE FUNCTION public.relais_scorecard_create(p_id uuid, p_version uuid,
  p_name text, p_criteria jsonb) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_me uuid;
  v_role text;
  v_name text := btrim(COALESCE(p_name, ''));
  v_problem text;
BEGIN
  SELECT id, role INTO v_me, v_role FROM public.advisor WHERE login = session_user AND active;
  IF v_me IS NULL OR v_role NOT IN ('supervisor', 'admin') THEN
    RAISE EXCEPTION 'scorecard_rights: only supervisors and administrators edit scorecards'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF v_name = '' OR char_length(v_name) > 120 THEN
    RAISE EXCEPTION 'bad_name: a scorecard has a name of 1 to 120 characters'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  v_problem := public.relais_criteria_problem(p_criteria);
  IF v_problem IS NOT NULL THEN
    RAISE EXCEPTION '%: the criteria are not valid', v_problem
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF EXISTS (SELECT 1 FROM public.scorecard WHERE name = v_name) THEN
    RAISE EXCEPTION 'duplicate_name: a scorecard is already called %', v_name
      USING ERRCODE = 'unique_violation';
  END IF;
  INSERT INTO public.scorecard (id, name, current_version, active, created_at)
    VALUES (p_id, v_name, 1, true, now());
  INSERT INTO public.scorecard_version (id, scorecard_id, version, criteria, created_at,
                                        author_id)
    VALUES (p_version, p_id, 1, public.relais_criteria_kept(p_criteria), now(), v_me);
END $$;

-- A new version with other criteria; the earlier versions stay as they were written. Returns
-- the new version's number.
CREATE OR REPLACE FUNCTION public.relais_scorecard_revise(p_scorecard uuid, p_version uuid,
  p_criteria jsonb) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_me uuid;
  v_role text;
  v_card public.scorecard;
  v_problem text;
BEGIN
  SELECT id, role INTO v_me, v_role FROM public.advisor WHERE login = session_user AND active;
  IF v_me IS NULL OR v_role NOT IN ('supervisor', 'admin') THEN
    RAISE EXCEPTION 'scorecard_rights: only supervisors and administrators edit scorecards'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO v_card FROM public.scorecard WHERE id = p_scorecard FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no_scorecard: no such scorecard' USING ERRCODE = 'no_data_found';
  END IF;
  IF NOT v_card.active THEN
    RAISE EXCEPTION 'retired: the scorecard is retired'
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  v_problem := public.relais_criteria_problem(p_criteria);
  IF v_problem IS NOT NULL THEN
    RAISE EXCEPTION '%: the criteria are not valid', v_problem
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF (SELECT v.criteria::jsonb FROM public.scorecard_version v
      WHERE v.scorecard_id = p_scorecard AND v.version = v_card.current_version)
     = public.relais_criteria_kept(p_criteria)::jsonb THEN
    RAISE EXCEPTION 'unchanged: the criteria are those of the current version'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  INSERT INTO public.scorecard_version (id, scorecard_id, version, criteria, created_at,
                                        author_id)
    VALUES (p_version, p_scorecard, v_card.current_version + 1,
            public.relais_criteria_kept(p_criteria), now(), v_me);
  UPDATE public.scorecard SET current_version = v_card.current_version + 1
    WHERE id = p_scorecard;
  RETURN v_card.current_version + 1;
END $$;

-- Retires a scorecard: no new evaluation is made with it; those made keep their version.
-- False when it was retired already.
CREATE OR REPLACE FUNCTION public.relais_scorecard_retire(p_scorecard uuid) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM public.advisor WHERE login = session_user AND active
                 AND role IN ('supervisor', 'admin')) THEN
    RAISE EXCEPTION 'scorecard_rights: only supervisors and administrators edit scorecards'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM public.scorecard WHERE id = p_scorecard) THEN
    RAISE EXCEPTION 'no_scorecard: no such scorecard' USING ERRCODE = 'no_data_found';
  END IF;
  UPDATE public.scorecard SET active = false WHERE id = p_scorecard AND active;
  RETURN FOUND;
END $$;

-- An evaluation of a closed contact, by a supervisor of its team (kind manager), a supervisor
-- who reviews quality (kind quality) or an administrator (either), never of a contact one
-- closed oneself. Every criterion of the scorecard version is scored 1-4, and no other; the
-- estimate of the customer's satisfaction is 1-4. The centre names the evaluator, the advisor
-- evaluated (who closed the contact) and the time, weighs the criteria (quality_score: their
-- weighted mean mapped from 1-4 onto 0-100, to one decimal) and supersedes the evaluator's
-- previous evaluation of that kind of that contact. The evaluation is synced: _HOLD_LOG first.
CREATE OR REPLACE FUNCTION public.relais_evaluate(p_id uuid, p_contact uuid, p_kind text,
  p_version uuid, p_criteria jsonb, p_score integer, p_comment text) RETURNS double precision
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_me uuid;
  v_role text;
  v_team uuid;
  v_quality boolean;
  v_contact public.contact;
  v_criteria jsonb;
  v_active boolean;
  v_weights numeric;
  v_points numeric;
  v_score double precision;
  v_previous uuid;
BEGIN
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  SELECT id, role, team_id, reviews_quality INTO v_me, v_role, v_team, v_quality
    FROM public.advisor WHERE login = session_user AND active;
  IF v_me IS NULL THEN
    RAISE EXCEPTION 'login % is not an active user of this centre', session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_kind IS NULL OR p_kind NOT IN ('manager', 'quality') THEN
    RAISE EXCEPTION 'bad_kind: an evaluation is a manager''s or a quality reviewer''s'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF NOT (v_role = 'admin' OR (v_role = 'supervisor' AND (p_kind = 'manager' OR v_quality))) THEN
    RAISE EXCEPTION 'evaluate_rights: you may not evaluate as %', p_kind
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO v_contact FROM public.contact WHERE id = p_contact FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no_contact: no such contact' USING ERRCODE = 'no_data_found';
  END IF;
  IF p_kind = 'manager' AND v_role <> 'admin' AND v_contact.team_id IS DISTINCT FROM v_team THEN
    RAISE EXCEPTION 'not_your_team: the contact is not of your team'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF v_contact.assigned_to = v_me THEN
    RAISE EXCEPTION 'own_contact: you closed this contact yourself'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF v_contact.status <> 'closed' THEN
    RAISE EXCEPTION 'not_closed: the contact is not closed'
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  SELECT v.criteria::jsonb, s.active INTO v_criteria, v_active
    FROM public.scorecard_version v JOIN public.scorecard s ON s.id = v.scorecard_id
    WHERE v.id = p_version;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no_scorecard: no such scorecard version' USING ERRCODE = 'no_data_found';
  END IF;
  IF NOT v_active THEN
    RAISE EXCEPTION 'retired: the scorecard is retired'
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  IF p_score IS NULL OR p_score NOT BETWEEN 1 AND 4 THEN
    RAISE EXCEPTION 'bad_estimate: the estimate is 1 to 4'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_criteria IS NULL OR jsonb_typeof(p_criteria) <> 'object'
     OR EXISTS (SELECT 1 FROM jsonb_each(p_criteria) x
                WHERE jsonb_typeof(x.value) <> 'number' OR x.value::text !~ '^[1-4]$') THEN
    RAISE EXCEPTION 'bad_scores: every criterion is scored 1 to 4'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF (SELECT count(*) FROM jsonb_object_keys(p_criteria)) <> jsonb_array_length(v_criteria)
     OR EXISTS (SELECT 1 FROM jsonb_array_elements(v_criteria) c
                WHERE NOT p_criteria ? (c ->> 'key')) THEN
    RAISE EXCEPTION 'criteria_mismatch: score the criteria of the scorecard version, no other'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT sum((c ->> 'weight')::numeric),
         sum((c ->> 'weight')::numeric * (p_criteria ->> (c ->> 'key'))::numeric)
    INTO v_weights, v_points FROM jsonb_array_elements(v_criteria) c;
  -- mean m = points / weights on 1-4; (m - 1) * 100 / 3 in one division, as Python does it.
  v_score := round((v_points - v_weights) * 100 / (3 * v_weights), 1)::double precision;
  SELECT e.id INTO v_previous FROM public.evaluation e
    WHERE e.contact_id = p_contact AND e.evaluator_id = v_me AND e.kind = p_kind
      AND NOT EXISTS (SELECT 1 FROM public.evaluation n WHERE n.supersedes_id = e.id)
    ORDER BY e.created_at DESC, e.id DESC LIMIT 1;
  PERFORM set_config('relais.evaluating', 'on', true);
  INSERT INTO public.evaluation (id, contact_id, evaluator_id, advisor_id, kind, score, comment,
                                 criteria, quality_score, scorecard_version_id, supersedes_id,
                                 created_at)
    VALUES (p_id, p_contact, v_me, v_contact.assigned_to, p_kind, p_score,
            COALESCE(p_comment, ''), p_criteria::json, v_score, p_version, v_previous, now());
  PERFORM set_config('relais.evaluating', 'off', true);
  RETURN v_score;
END $$;

-- The evaluated advisor's answer: agree, or contest with a reason. Once per evaluation, and
-- only to the evaluation in force (not one its evaluator replaced). Central only.
CREATE OR REPLACE FUNCTION public.relais_reply_evaluation(p_id uuid, p_evaluation uuid,
  p_stance text, p_comment text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_me uuid;
  v_advisor uuid;
BEGIN
  SELECT id INTO v_me FROM public.advisor WHERE login = session_user AND active;
  IF v_me IS NULL THEN
    RAISE EXCEPTION 'login % is not an active user of this centre', session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT advisor_id INTO v_advisor FROM public.evaluation WHERE id = p_evaluation
    FOR NO KEY UPDATE;
  IF NOT FOUND OR v_advisor IS DISTINCT FROM v_me THEN
    -- Someone else's evaluation is not even said to exist.
    RAISE EXCEPTION 'reply_rights: only the advisor evaluated answers an evaluation'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_stance IS NULL OR p_stance NOT IN ('agree', 'contest') THEN
    RAISE EXCEPTION 'bad_stance: agree or contest' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_stance = 'contest' AND btrim(COALESCE(p_comment, '')) = '' THEN
    RAISE EXCEPTION 'reason_needed: a contest gives its reason'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF char_length(COALESCE(p_comment, '')) > 4000 THEN
    RAISE EXCEPTION 'long_comment: at most 4000 characters'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF EXISTS (SELECT 1 FROM public.evaluation n WHERE n.supersedes_id = p_evaluation) THEN
    RAISE EXCEPTION 'superseded: the evaluator replaced this evaluation'
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  IF EXISTS (SELECT 1 FROM public.evaluation_reply r WHERE r.evaluation_id = p_evaluation) THEN
    RAISE EXCEPTION 'replied: this evaluation has its answer' USING ERRCODE = 'unique_violation';
  END IF;
  INSERT INTO public.evaluation_reply (id, evaluation_id, advisor_id, stance, comment,
                                       created_at)
    VALUES (p_id, p_evaluation, v_me, p_stance, btrim(COALESCE(p_comment, '')), now());
END $$;

-- The review list: a supervisor of the contact's team, or an administrator, takes an item
-- (to_review -> in_progress) or marks it done. The answer says what happened: 'taken' or
-- 'done' (now so), 'mine' (taken by the caller already), 'held' (taken by someone else, who is
-- named: nothing changed), 'finished' (done already). review_item is synced: _HOLD_LOG first.
CREATE OR REPLACE FUNCTION public.relais_review_item_for(p_item uuid)
  RETURNS public.review_item LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_me uuid;
  v_role text;
  v_team uuid;
  v_item public.review_item;
BEGIN
  SELECT id, role, team_id INTO v_me, v_role, v_team FROM public.advisor
    WHERE login = session_user AND active;
  SELECT r.* INTO v_item FROM public.review_item r WHERE r.id = p_item FOR UPDATE;
  IF v_me IS NULL OR v_role NOT IN ('supervisor', 'admin')
     OR (v_role = 'supervisor' AND NOT EXISTS (
           SELECT 1 FROM public.contact k WHERE k.id = v_item.contact_id AND k.team_id = v_team))
  THEN
    RAISE EXCEPTION 'review_rights: only supervisors of the contact''s team review it'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF v_item.id IS NULL THEN
    RAISE EXCEPTION 'no_item: no such review item' USING ERRCODE = 'no_data_found';
  END IF;
  RETURN v_item;
END $$;

CREATE OR REPLACE FUNCTION public.relais_review_take(p_item uuid)
  RETURNS TABLE (outcome text, holder uuid)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_item public.review_item;
  v_me uuid := public.relais_me();
BEGIN
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  v_item := public.relais_review_item_for(p_item);
  IF v_item.state = 'done' THEN
    RETURN QUERY SELECT 'finished'::text, v_item.taken_by;
  ELSIF v_item.state = 'in_progress' AND v_item.taken_by IS NOT DISTINCT FROM v_me THEN
    RETURN QUERY SELECT 'mine'::text, v_item.taken_by;
  ELSIF v_item.state = 'in_progress' THEN
    RETURN QUERY SELECT 'held'::text, v_item.taken_by;
  ELSE
    UPDATE public.review_item SET state = 'in_progress', taken_by = v_me, taken_at = now()
      WHERE id = p_item;
    RETURN QUERY SELECT 'taken'::text, v_me;
  END IF;
END $$;

CREATE OR REPLACE FUNCTION public.relais_review_done(p_item uuid)
  RETURNS TABLE (outcome text, holder uuid)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_item public.review_item;
  v_me uuid := public.relais_me();
BEGIN
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  v_item := public.relais_review_item_for(p_item);
  IF v_item.state = 'done' THEN
    RETURN QUERY SELECT 'finished'::text, v_item.taken_by;
  ELSIF v_item.state = 'in_progress' AND v_item.taken_by IS DISTINCT FROM v_me THEN
    RETURN QUERY SELECT 'held'::text, v_item.taken_by;
  ELSE
    UPDATE public.review_item SET state = 'done', taken_by = v_me,
           taken_at = COALESCE(taken_at, now()), done_at = now()
      WHERE id = p_item;
    RETURN QUERY SELECT 'done'::text, v_me;
  END IF;
END $$;

GRANT EXECUTE ON FUNCTION
  public.relais_scorecard_create(uuid, uuid, text, jsonb),
  public.relais_scorecard_revise(uuid, uuid, jsonb),
  public.relais_scorecard_retire(uuid),
  public.relais_evaluate(uuid, uuid, text, uuid, jsonb, integer, text),
  public.relais_reply_evaluation(uuid, uuid, text, text),
  public.relais_review_take(uuid),
  public.relais_review_done(uuid)
  TO @advisor@;
