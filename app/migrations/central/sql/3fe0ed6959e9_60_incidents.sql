-- Back office (revision 3fe0ed6959e9): incidents. A supervisor publishes one (every workstation
-- pulls it within the sync's second and shows the banner), ends it, and contacts are tagged to it.

CREATE OR REPLACE FUNCTION public.relais_publish_incident(p_id uuid, p_title text,
  p_message text, p_template uuid, p_start timestamptz, p_expected_end timestamptz)
  RETURNS timestamptz LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_me uuid;
  v_role text;
  v_start timestamptz := COALESCE(p_start, now());
BEGIN
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  SELECT id, role INTO v_me, v_role FROM public.advisor WHERE login = session_user AND active;
  IF v_me IS NULL OR v_role NOT IN ('supervisor', 'admin') THEN
    RAISE EXCEPTION 'only supervisors publish incidents' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF btrim(COALESCE(p_title, '')) = '' OR char_length(p_title) > 200
     OR char_length(COALESCE(p_message, '')) > 20000 THEN
    RAISE EXCEPTION 'an incident has a title of 1 to 200 characters'
      USING ERRCODE = 'check_violation';
  END IF;
  IF p_expected_end IS NOT NULL AND p_expected_end <= v_start THEN
    RAISE EXCEPTION 'an incident ends after it starts' USING ERRCODE = 'check_violation';
  END IF;
  IF p_template IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM public.template WHERE id = p_template AND active) THEN
    RAISE EXCEPTION 'no such template' USING ERRCODE = 'foreign_key_violation';
  END IF;
  INSERT INTO public.incident (id, title, description, started_at, ended_at, expected_end_at,
                               template_id, published_by)
    VALUES (p_id, btrim(p_title), COALESCE(p_message, ''), v_start, NULL, p_expected_end,
            p_template, v_me);
  RETURN v_start;
END $$;

CREATE OR REPLACE FUNCTION public.relais_end_incident(p_id uuid) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  IF NOT EXISTS (SELECT 1 FROM public.advisor WHERE login = session_user AND active
                 AND role IN ('supervisor', 'admin')) THEN
    RAISE EXCEPTION 'only supervisors end incidents' USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE public.incident SET ended_at = now() WHERE id = p_id AND ended_at IS NULL;
  RETURN FOUND;
END $$;

-- Tags a contact to an incident (or untags it with NULL): its holder, a supervisor of its team
-- or an administrator. The contact's version stays: a tag is no edit the advisor's pending
-- changes could conflict with.
CREATE OR REPLACE FUNCTION public.relais_tag_incident(p_contact uuid, p_incident uuid)
  RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_me uuid;
  v_role text;
  v_team uuid;
BEGIN
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  SELECT id, role, team_id INTO v_me, v_role, v_team FROM public.advisor
    WHERE login = session_user AND active;
  IF v_me IS NULL THEN
    RAISE EXCEPTION 'login % is not an active user of this centre', session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_incident IS NOT NULL AND NOT EXISTS (SELECT 1 FROM public.incident WHERE id = p_incident)
  THEN
    RAISE EXCEPTION 'no such incident' USING ERRCODE = 'foreign_key_violation';
  END IF;
  UPDATE public.contact k SET incident_id = p_incident
    WHERE k.id = p_contact
      AND (v_role = 'admin'
           OR (k.assigned_to = v_me AND k.status = 'in_progress')
           OR (v_role = 'supervisor' AND k.team_id = v_team));
  RETURN FOUND;
END $$;

GRANT EXECUTE ON FUNCTION public.relais_publish_incident(uuid, text, text, uuid, timestamptz,
  timestamptz), public.relais_end_incident(uuid), public.relais_tag_incident(uuid, uuid)
  TO @advisor@;
