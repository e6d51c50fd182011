-- Back office (revision 3fe0ed6959e9): survey answers imported from a file. The import is one
-- call per batch of rows; the centre decides each row's outcome (app/backoffice/surveys.py runs
-- the same rules for the embedded SQLite centre). Users never write survey_answer themselves.
--
-- p_rows: [{"line": 12, "reference": "R-7K3Q-X9PA", "csat": 4, "nps": 9, "effort": 2,
--           "comment": "…", "answered_at": "2026-12-01T14:30:00+01:00"}, …] (at most 5,000).
-- Returns one row per element, in the array's order: its line, its outcome and the contact:
--   imported         the answer is stored (imported_at by the centre's clock)
--   already          the contact has this very answer (importing twice changes nothing)
--   conflict         the contact has a different answer: the stored one is kept
--   unknown_contact  no contact has this reference
--   ambiguous        several contacts have it (references are short: not a key)
--   other_team       a supervisor's import of a contact outside their team
--   not_closed       the contact is still queued or being worked
--   before_close     answered more than a day before the contact was closed
--   future_date      answered more than a day after the centre's now
--   invalid          a value the survey's scales or lengths do not hold
-- A session that is not a supervisor's or an administrator's is refused (insufficient_privilege).
CREATE OR REPLACE FUNCTION public.relais_import_surveys(p_rows jsonb)
  RETURNS TABLE (line integer, outcome text, contact uuid)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_me uuid;
  v_role text;
  v_team uuid;
  v_item jsonb;
  v_n bigint;
  v_ref text;
  v_csat integer;
  v_nps integer;
  v_effort integer;
  v_comment text;
  v_at timestamptz;
  v_found integer;
  v_c public.contact;
  v_a public.survey_answer;
BEGIN
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  PERFORM set_config('relais.importing_surveys', 'on', true);  -- the guard's way in
  SELECT a.id, a.role, a.team_id INTO v_me, v_role, v_team
    FROM public.advisor a WHERE a.login = session_user AND a.active;
  IF v_me IS NULL OR v_role NOT IN ('supervisor', 'admin') THEN
    RAISE EXCEPTION 'survey answers are imported by supervisors and administrators'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF jsonb_typeof(p_rows) IS DISTINCT FROM 'array'
     OR EXISTS (SELECT 1 FROM jsonb_array_elements(p_rows) e WHERE jsonb_typeof(e) <> 'object')
  THEN
    RAISE EXCEPTION 'p_rows is an array of objects' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF jsonb_array_length(p_rows) > 5000 THEN
    RAISE EXCEPTION 'at most 5000 rows per call' USING ERRCODE = 'program_limit_exceeded';
  END IF;
  FOR v_item, v_n IN SELECT e, o FROM jsonb_array_elements(p_rows) WITH ORDINALITY x(e, o)
  LOOP
    line := COALESCE((v_item ->> 'line')::integer, v_n::integer);
    contact := NULL;
    v_ref := btrim(v_item ->> 'reference');
    v_csat := (v_item ->> 'csat')::integer;
    v_nps := (v_item ->> 'nps')::integer;
    v_effort := (v_item ->> 'effort')::integer;
    v_comment := COALESCE(v_item ->> 'comment', '');
    v_at := (v_item ->> 'answered_at')::timestamptz;
    IF COALESCE(v_ref, '') = '' OR v_csat IS NULL OR v_csat NOT BETWEEN 1 AND 5
       OR v_nps NOT BETWEEN 0 AND 10 OR v_effort NOT BETWEEN 1 AND 7
       OR char_length(v_comment) > 10000 OR v_at IS NULL THEN
      outcome := 'invalid';
      RETURN NEXT;
      CONTINUE;
    END IF;
    SELECT count(*) INTO v_found FROM public.contact k WHERE k.reference = v_ref;
    IF v_found = 0 THEN
      outcome := 'unknown_contact';
      RETURN NEXT;
      CONTINUE;
    ELSIF v_found > 1 THEN
      outcome := 'ambiguous';
      RETURN NEXT;
      CONTINUE;
    END IF;
    SELECT * INTO v_c FROM public.contact k WHERE k.reference = v_ref;
    contact := v_c.id;
    IF v_role = 'supervisor' AND (v_team IS NULL OR v_c.team_id IS DISTINCT FROM v_team) THEN
      outcome := 'other_team';
    ELSIF v_c.status <> 'closed' THEN
      outcome := 'not_closed';
    ELSE
      SELECT * INTO v_a FROM public.survey_answer s WHERE s.contact_id = v_c.id;
      IF NOT FOUND THEN
        IF v_at > now() + interval '1 day' THEN
          outcome := 'future_date';
          RETURN NEXT;
          CONTINUE;
        ELSIF v_c.closed_at IS NOT NULL AND v_at < v_c.closed_at - interval '1 day' THEN
          outcome := 'before_close';
          RETURN NEXT;
          CONTINUE;
        END IF;
        INSERT INTO public.survey_answer (id, contact_id, csat, nps, effort, comment,
                                          answered_at, imported_at)
          VALUES (gen_random_uuid(), v_c.id, v_csat, v_nps, v_effort, v_comment, v_at, now())
          ON CONFLICT (contact_id) DO NOTHING;
        IF FOUND THEN
          outcome := 'imported';
          RETURN NEXT;
          CONTINUE;
        END IF;
        -- Another import stored one meanwhile: compared as any stored answer is.
        SELECT * INTO v_a FROM public.survey_answer s WHERE s.contact_id = v_c.id;
      END IF;
      IF v_a.csat = v_csat AND v_a.nps IS NOT DISTINCT FROM v_nps
         AND v_a.effort IS NOT DISTINCT FROM v_effort AND v_a.comment = v_comment
         AND v_a.answered_at = v_at THEN
        outcome := 'already';
      ELSE
        outcome := 'conflict';
      END IF;
    END IF;
    RETURN NEXT;
  END LOOP;
END $$;

GRANT EXECUTE ON FUNCTION public.relais_import_surveys(jsonb) TO @advisor@;
