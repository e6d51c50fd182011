-- Back office (revision 3fe0ed6959e9): template governance. A supervisor drafts a template (a
-- new one, or a new version of one), another approves it (four eyes: never one's own draft,
-- unless an administrator), and it becomes the template's current text in every advisor's
-- library at the next sync; a template is retired from the library. Users call these functions;
-- none writes the tables. A refusal's message starts with its key ("four_eyes: ..."):
-- app/backoffice/template_admin.py turns it into the same message the embedded centre gives.

-- What a draft must be, or the refusal's key: a key of 1 to 80 characters among a-z, 0-9, _
-- and - ; a language the library speaks; one or more of the centre's channels, each once;
-- a category of 1 to 80 characters, a title of 1 to 200, a body of 1 to 20,000 (once trimmed).
CREATE OR REPLACE FUNCTION public.relais_template_problem(p_key text, p_language text,
  p_channels jsonb, p_category text, p_title text, p_body text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF p_key IS NULL OR p_key !~ '^[a-z0-9][a-z0-9_-]{0,79}$' THEN
    RETURN 'template_key';
  END IF;
  IF p_language IS NULL OR p_language NOT IN ('fr', 'en') THEN
    RETURN 'template_language';
  END IF;
  IF p_channels IS NULL OR jsonb_typeof(p_channels) <> 'array'
     OR jsonb_array_length(p_channels) = 0
     OR EXISTS (SELECT 1 FROM jsonb_array_elements(p_channels) c
                WHERE jsonb_typeof(c) <> 'string'
                   OR (c #>> '{}') NOT IN ('phone', 'email', 'facebook', 'x', 'instagram',
                                           'whatsapp', 'letter'))
     OR (SELECT count(DISTINCT c) FROM jsonb_array_elements(p_channels) c)
        <> jsonb_array_length(p_channels) THEN
    RETURN 'template_channels';
  END IF;
  IF btrim(COALESCE(p_category, '')) = '' OR char_length(btrim(p_category)) > 80 THEN
    RETURN 'template_category';
  END IF;
  IF btrim(COALESCE(p_title, '')) = '' OR char_length(btrim(p_title)) > 200 THEN
    RETURN 'template_title';
  END IF;
  IF btrim(COALESCE(p_body, '')) = '' OR char_length(p_body) > 20000 THEN
    RETURN 'template_body';
  END IF;
  RETURN NULL;
END $$;

-- A draft: of the template of this key and language when there is one (a new version, the
-- draft still waiting superseded), else of a new template (``p_id``), which nobody but
-- supervisors sees until it is approved. A draft is never edited: drafting again writes the
-- next version, so a version's author is the only one who wrote it.
CREATE OR REPLACE FUNCTION public.relais_template_draft(p_id uuid, p_version uuid, p_key text,
  p_language text, p_channels jsonb, p_category text, p_title text, p_body text)
  RETURNS TABLE (template_id uuid, version int) LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_me uuid;
  v_role text;
  v_problem text;
  v_template uuid;
  v_next int;
BEGIN
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  SELECT a.id, a.role INTO v_me, v_role FROM public.advisor a
    WHERE a.login = session_user AND a.active;
  IF v_me IS NULL OR v_role NOT IN ('supervisor', 'admin') THEN
    RAISE EXCEPTION 'template_rights: only supervisors write templates'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  v_problem := public.relais_template_problem(p_key, p_language, p_channels, p_category,
                                              p_title, p_body);
  IF v_problem IS NOT NULL THEN
    RAISE EXCEPTION '%: the draft is not valid', v_problem USING ERRCODE = 'check_violation';
  END IF;
  PERFORM set_config('relais.templating', 'on', true);
  INSERT INTO public.template (id, key, category, language, channels, title, body,
                               current_version, active, status)
    VALUES (p_id, p_key, btrim(p_category), p_language, p_channels::json, btrim(p_title),
            p_body, 0, false, 'draft')
    ON CONFLICT (key, language) DO NOTHING;
  SELECT t.id INTO v_template FROM public.template t
    WHERE t.key = p_key AND t.language = p_language FOR UPDATE;
  SELECT COALESCE(max(v.version), 0) + 1 INTO v_next FROM public.template_version v
    WHERE v.template_id = v_template;
  UPDATE public.template_version v SET status = 'superseded'
    WHERE v.template_id = v_template AND v.status = 'draft';
  INSERT INTO public.template_version (id, template_id, version, title, body, created_at,
                                       author_id, category, channels, status)
    VALUES (p_version, v_template, v_next, btrim(p_title), p_body, now(), v_me,
            btrim(p_category), p_channels::json, 'draft');
  PERFORM set_config('relais.templating', 'off', true);
  RETURN QUERY SELECT v_template, v_next;
END $$;

-- Approves a draft: it becomes the template's current text (and category and channels), in
-- the advisors' library again if it was retired; the version it replaces is superseded. Four
-- eyes: the draft's author may not approve it, unless they administer the centre.
CREATE OR REPLACE FUNCTION public.relais_template_approve(p_template uuid, p_version int)
  RETURNS timestamptz LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_me uuid;
  v_role text;
  v_draft public.template_version;
BEGIN
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  SELECT a.id, a.role INTO v_me, v_role FROM public.advisor a
    WHERE a.login = session_user AND a.active;
  IF v_me IS NULL OR v_role NOT IN ('supervisor', 'admin') THEN
    RAISE EXCEPTION 'template_rights: only supervisors approve templates'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM 1 FROM public.template t WHERE t.id = p_template FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no_template: no such template' USING ERRCODE = 'foreign_key_violation';
  END IF;
  SELECT * INTO v_draft FROM public.template_version v
    WHERE v.template_id = p_template AND v.version = p_version;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no_version: no such version' USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF v_draft.status <> 'draft' THEN
    RAISE EXCEPTION 'not_a_draft: version % is %', p_version, v_draft.status
      USING ERRCODE = 'check_violation';
  END IF;
  IF v_draft.author_id IS NOT DISTINCT FROM v_me AND v_role <> 'admin' THEN
    RAISE EXCEPTION 'four_eyes: another supervisor approves your draft'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM set_config('relais.templating', 'on', true);
  -- The version replaced had been approved (when it was written, if the library it came with
  -- did not say): advisors may still read it.
  UPDATE public.template_version v SET status = 'superseded',
    approved_at = COALESCE(v.approved_at, v.created_at)
    WHERE v.template_id = p_template AND v.status = 'approved';
  UPDATE public.template_version v SET status = 'approved', approved_by = v_me,
    approved_at = now() WHERE v.id = v_draft.id;
  UPDATE public.template t SET title = v_draft.title, body = v_draft.body,
    category = COALESCE(v_draft.category, t.category),
    channels = COALESCE(v_draft.channels, t.channels), current_version = v_draft.version,
    status = 'approved', active = true
    WHERE t.id = p_template;
  PERFORM set_config('relais.templating', 'off', true);
  RETURN now();
END $$;

-- Takes a template out of the advisors' library (its drafts stay: approving one brings it
-- back). False when it was retired already.
CREATE OR REPLACE FUNCTION public.relais_template_retire(p_template uuid) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_done boolean;
BEGIN
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  IF NOT EXISTS (SELECT 1 FROM public.advisor a WHERE a.login = session_user AND a.active
                 AND a.role IN ('supervisor', 'admin')) THEN
    RAISE EXCEPTION 'template_rights: only supervisors retire templates'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM public.template t WHERE t.id = p_template) THEN
    RAISE EXCEPTION 'no_template: no such template' USING ERRCODE = 'foreign_key_violation';
  END IF;
  PERFORM set_config('relais.templating', 'on', true);
  UPDATE public.template t SET status = 'retired', active = false
    WHERE t.id = p_template AND t.status <> 'retired';
  v_done := FOUND;
  PERFORM set_config('relais.templating', 'off', true);
  RETURN v_done;
END $$;

-- Templates and their versions change through the functions above only, whatever a user's
-- session does: the push (relais_insert_rows, relais_update_row) is refused with "permission:
-- templates are changed in the back office", and so is a session that turned relais.templating
-- on itself: the write must also come from inside one of these functions (the call stack says
-- so; users can create no function of that name). The centre's owner (migrations, the seed,
-- the administrator's import of the default library) is not a user and passes.
CREATE OR REPLACE FUNCTION public.relais_template_written() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_stack text;
BEGIN
  IF NOT public.relais_session_is_user() THEN
    RETURN COALESCE(NEW, OLD);
  END IF;
  GET DIAGNOSTICS v_stack = PG_CONTEXT;
  IF current_setting('relais.templating', true) IS DISTINCT FROM 'on'
     OR v_stack !~ 'function public\.relais_template_(draft|approve|retire)\(' THEN
    RAISE EXCEPTION 'templates are changed in the back office'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN COALESCE(NEW, OLD);
END $$;
CREATE TRIGGER template_written BEFORE INSERT OR UPDATE OR DELETE ON public.template
  FOR EACH ROW EXECUTE FUNCTION public.relais_template_written();
CREATE TRIGGER template_version_written BEFORE INSERT OR UPDATE OR DELETE
  ON public.template_version FOR EACH ROW EXECUTE FUNCTION public.relais_template_written();

-- Advisors read approved templates only: a draft nobody approved stays the supervisors'. A
-- retired template that was once approved stays readable, so that its retirement reaches every
-- workstation's copy (whose library then leaves it out); a version, once it was approved.
ALTER TABLE public.template ENABLE ROW LEVEL SECURITY;
CREATE POLICY template_read ON public.template FOR SELECT USING (
  status = 'approved' OR (status = 'retired' AND current_version > 0)
  OR (SELECT public.relais_my_role()) IN ('supervisor', 'admin'));
ALTER TABLE public.template_version ENABLE ROW LEVEL SECURITY;
CREATE POLICY template_version_read ON public.template_version FOR SELECT USING (
  status = 'approved' OR (status = 'superseded' AND approved_at IS NOT NULL)
  OR (SELECT public.relais_my_role()) IN ('supervisor', 'admin'));

GRANT EXECUTE ON FUNCTION
  public.relais_template_draft(uuid, uuid, text, text, jsonb, text, text, text),
  public.relais_template_approve(uuid, int), public.relais_template_retire(uuid) TO @advisor@;
