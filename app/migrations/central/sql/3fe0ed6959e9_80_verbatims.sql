-- Back office (revision 3fe0ed6959e9): the verbatim board. Supervisors pin a customer's own
-- words (from their survey answer or a message) to their team's board, tag them, unpin them.

CREATE OR REPLACE FUNCTION public.relais_pin_verbatim(p_id uuid, p_contact uuid, p_quote text,
  p_tags jsonb) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_me uuid;
  v_role text;
  v_team uuid;
  v_contact_team uuid;
BEGIN
  SELECT id, role, team_id INTO v_me, v_role, v_team FROM public.advisor
    WHERE login = session_user AND active;
  IF v_me IS NULL OR v_role NOT IN ('supervisor', 'admin') THEN
    RAISE EXCEPTION 'only supervisors pin verbatims' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT team_id INTO v_contact_team FROM public.contact WHERE id = p_contact;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no such contact' USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF v_role = 'supervisor' AND v_contact_team IS DISTINCT FROM v_team THEN
    RAISE EXCEPTION 'a contact of another team' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF btrim(COALESCE(p_quote, '')) = '' OR char_length(p_quote) > 2000 THEN
    RAISE EXCEPTION 'a verbatim holds 1 to 2000 characters' USING ERRCODE = 'check_violation';
  END IF;
  IF jsonb_typeof(COALESCE(p_tags, '[]')) <> 'array' OR jsonb_array_length(COALESCE(p_tags, '[]')) > 10
     OR EXISTS (SELECT 1 FROM jsonb_array_elements(COALESCE(p_tags, '[]')) t
                WHERE jsonb_typeof(t) <> 'string' OR char_length(t #>> '{}') NOT BETWEEN 1 AND 40)
  THEN
    RAISE EXCEPTION 'up to 10 tags of 1 to 40 characters' USING ERRCODE = 'check_violation';
  END IF;
  INSERT INTO public.verbatim (id, contact_id, quote, tags, team_id, pinned_by, pinned_at)
    VALUES (p_id, p_contact, btrim(p_quote), COALESCE(p_tags, '[]')::json, v_contact_team, v_me,
            now());
END $$;

CREATE OR REPLACE FUNCTION public.relais_unpin_verbatim(p_id uuid) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_role text;
  v_team uuid;
BEGIN
  SELECT role, team_id INTO v_role, v_team FROM public.advisor
    WHERE login = session_user AND active;
  IF v_role IS NULL OR v_role NOT IN ('supervisor', 'admin') THEN
    RAISE EXCEPTION 'only supervisors unpin verbatims' USING ERRCODE = 'insufficient_privilege';
  END IF;
  DELETE FROM public.verbatim
    WHERE id = p_id AND (v_role = 'admin' OR team_id IS NOT DISTINCT FROM v_team);
  RETURN FOUND;
END $$;

GRANT EXECUTE ON FUNCTION public.relais_pin_verbatim(uuid, uuid, text, jsonb),
  public.relais_unpin_verbatim(uuid) TO @advisor@;
