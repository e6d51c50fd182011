-- Identities edited, customers merged, segments kept apart (revision e9c3a7f1d5b4;
-- app.sync.apply_identities runs the same rules on the embedded centre). @advisor@: every
-- user's group. Each function answers a jsonb: {"ok": true, ...} or {"refused": CODE, ...}
-- with what the workstation needs to say why (the customer who holds an identity, the
-- segments kept apart); a caller who is no active user, or a merge asked by an advisor, is
-- refused with insufficient_privilege.

CREATE TRIGGER log_insert AFTER INSERT ON public.identity_removal
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.relais_log_changes();
CREATE TRIGGER log_update AFTER UPDATE ON public.identity_removal
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.relais_log_changes();
CREATE TRIGGER hold_log BEFORE INSERT OR UPDATE OR DELETE ON public.identity_removal
  FOR EACH STATEMENT WHEN (current_setting('relais.log_held', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION public.relais_hold_log();
CREATE TRIGGER log_insert AFTER INSERT ON public.customer_merge
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.relais_log_changes();
CREATE TRIGGER log_update AFTER UPDATE ON public.customer_merge
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.relais_log_changes();
CREATE TRIGGER hold_log BEFORE INSERT OR UPDATE OR DELETE ON public.customer_merge
  FOR EACH STATEMENT WHEN (current_setting('relais.log_held', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION public.relais_hold_log();
CREATE TRIGGER log_insert AFTER INSERT ON public.segment_apart
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.relais_log_changes();
CREATE TRIGGER log_update AFTER UPDATE ON public.segment_apart
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.relais_log_changes();
CREATE TRIGGER hold_log BEFORE INSERT OR UPDATE OR DELETE ON public.segment_apart
  FOR EACH STATEMENT WHEN (current_setting('relais.log_held', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION public.relais_hold_log();
-- Read as customers are (the working set narrows what a copy keeps, app.sync.scope); written
-- by nobody but the functions below (segment_apart: by the owner).
GRANT SELECT ON public.identity_removal, public.customer_merge, public.segment_apart TO @advisor@;

-- Two segments kept apart: both listed, with different estates.
CREATE FUNCTION public.relais_apart(p_a text, p_b text) RETURNS boolean LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM public.segment_apart a, public.segment_apart b
                 WHERE a.segment = p_a AND b.segment = p_b AND a.estate <> b.estate) $$;
CREATE FUNCTION public.relais_apart_reason(p_a text, p_b text) RETURNS text LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT concat_ws('; ', a.reason, b.reason) FROM public.segment_apart a, public.segment_apart b
  WHERE a.segment = p_a AND b.segment = p_b $$;
REVOKE EXECUTE ON FUNCTION public.relais_apart(text, text), public.relais_apart_reason(text, text)
  FROM PUBLIC;

-- The shape a stored identity has (app.identities normalised it on the workstation; the
-- centre cannot read a phone number as phonenumbers does, but refuses what is not E.164).
CREATE FUNCTION public.relais_identity_shape(p_kind text, p_value text) RETURNS text
  LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT CASE
    WHEN p_kind IS NULL OR p_kind NOT IN ('phone', 'email', 'facebook', 'x', 'instagram',
                                          'whatsapp') THEN 'an unknown kind of identity'
    WHEN p_value IS NULL OR char_length(p_value) NOT BETWEEN 1 AND 320
      THEN 'a value of 1 to 320 characters'
    WHEN p_kind IN ('phone', 'whatsapp') AND p_value !~ '^\+[1-9][0-9]{6,14}$'
      THEN 'a phone number in E.164 (+33612345678)'
    WHEN p_kind = 'email' AND (p_value !~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'
                               OR p_value <> lower(p_value))
      THEN 'an e-mail address in lower case'
    WHEN p_kind IN ('facebook', 'x', 'instagram')
         AND (p_value ~ '[[:space:]@]' OR p_value <> lower(p_value))
      THEN 'a handle in lower case, without @ or spaces'
  END $$;
REVOKE EXECUTE ON FUNCTION public.relais_identity_shape(text, text) FROM PUBLIC;

-- Another customer holding the value (a phone number is one whether it came as a call or as
-- WhatsApp), preferring one kept apart from p_customer's segment: that is the refusal to say.
CREATE FUNCTION public.relais_identity_holder(p_kind text, p_value text, p_customer uuid)
  RETURNS uuid LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT j.customer_id FROM public.customer_identity j
    JOIN public.customer cj ON cj.id = j.customer_id
  WHERE j.kind = ANY (CASE WHEN p_kind IN ('phone', 'whatsapp') THEN ARRAY['phone', 'whatsapp']
                      ELSE ARRAY[p_kind] END)
    AND j.value = p_value AND j.customer_id <> p_customer
  ORDER BY public.relais_apart(cj.segment, (SELECT segment FROM public.customer
                                            WHERE id = p_customer)) DESC, j.customer_id
  LIMIT 1 $$;
REVOKE EXECUTE ON FUNCTION public.relais_identity_holder(text, text, uuid) FROM PUBLIC;

-- The refusal of an identity value for p_customer, or NULL: its shape, another customer who
-- holds it (kept apart or not).
CREATE FUNCTION public.relais_identity_refusal(p_kind text, p_value text, p_customer uuid)
  RETURNS jsonb LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_why text := public.relais_identity_shape(p_kind, p_value);
  v_holder public.customer;
  v_mine public.customer;
BEGIN
  IF v_why IS NOT NULL THEN
    RETURN jsonb_build_object('refused', 'invalid', 'why', v_why);
  END IF;
  SELECT * INTO v_holder FROM public.customer
    WHERE id = public.relais_identity_holder(p_kind, p_value, p_customer);
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  SELECT * INTO v_mine FROM public.customer WHERE id = p_customer;
  IF public.relais_apart(v_holder.segment, v_mine.segment) THEN
    RETURN jsonb_build_object('refused', 'apart', 'customer', v_holder.id,
      'segment', v_mine.segment, 'other_segment', v_holder.segment,
      'reason', public.relais_apart_reason(v_mine.segment, v_holder.segment));
  END IF;
  RETURN jsonb_build_object('refused', 'held', 'customer', v_holder.id,
    'name', trim(v_holder.first_name || ' ' || v_holder.last_name),
    'merged_into', v_holder.merged_into);
END $$;
REVOKE EXECUTE ON FUNCTION public.relais_identity_refusal(text, text, uuid) FROM PUBLIC;

-- Whether the session's user may write this customer's identities: an advisor those of their
-- working set, a supervisor or an administrator any; never a merged customer's.
CREATE FUNCTION public.relais_identity_writer(p_customer uuid, p_role text) RETURNS jsonb
  LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_c public.customer;
BEGIN
  SELECT * INTO v_c FROM public.customer WHERE id = p_customer;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('refused', 'missing');
  END IF;
  IF v_c.merged_into IS NOT NULL THEN
    RETURN jsonb_build_object('refused', 'merged', 'customer', v_c.merged_into);
  END IF;
  IF p_role = 'advisor' AND NOT EXISTS (SELECT 1 FROM public.desk_customer d
                                        WHERE d.login = session_user AND d.customer_id = p_customer)
  THEN
    RETURN jsonb_build_object('refused', 'permission',
                              'why', 'this customer is not in your working set');
  END IF;
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION public.relais_identity_writer(uuid, text) FROM PUBLIC;

CREATE FUNCTION public.relais_identity_user(OUT o_me uuid, OUT o_role text, OUT o_team uuid)
  LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  SELECT id, role, team_id INTO o_me, o_role, o_team FROM public.advisor
    WHERE login = session_user AND active AND role IN ('advisor', 'supervisor', 'admin');
  IF o_me IS NULL THEN
    RAISE EXCEPTION 'login % is not an active user of this centre', session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
END $$;
REVOKE EXECUTE ON FUNCTION public.relais_identity_user() FROM PUBLIC;

-- Adds an identity to a customer (p_id: the workstation's id for it; the same call again
-- answers ok without a second row).
CREATE FUNCTION public.relais_identity_add(p_id uuid, p_customer uuid, p_kind text,
  p_value text, p_display text) RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_user record;
  v_refusal jsonb;
  v_id uuid;
BEGIN
  SELECT * INTO v_user FROM public.relais_identity_user();
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  v_refusal := public.relais_identity_writer(p_customer, v_user.o_role);
  IF v_refusal IS NOT NULL THEN
    RETURN v_refusal;
  END IF;
  SELECT id INTO v_id FROM public.customer_identity
    WHERE id = p_id OR (customer_id = p_customer AND kind = p_kind AND value = p_value) LIMIT 1;
  IF FOUND THEN
    RETURN jsonb_build_object('ok', true, 'id', v_id);
  END IF;
  v_refusal := public.relais_identity_refusal(p_kind, p_value, p_customer);
  IF v_refusal IS NOT NULL THEN
    RETURN v_refusal;
  END IF;
  IF p_id IS NULL OR char_length(coalesce(p_display, '')) > 320 THEN
    RETURN jsonb_build_object('refused', 'invalid', 'why', 'an id and a display of 320 characters at most');
  END IF;
  INSERT INTO public.customer_identity (id, customer_id, kind, value, display, created_at)
    VALUES (p_id, p_customer, p_kind, p_value, coalesce(nullif(p_display, ''), p_value), now());
  RETURN jsonb_build_object('ok', true, 'id', p_id);
END $$;

-- Corrects an identity's value (its kind stays; a different kind is a removal and an addition).
CREATE FUNCTION public.relais_identity_change(p_id uuid, p_value text, p_display text)
  RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_user record;
  v_i public.customer_identity;
  v_refusal jsonb;
BEGIN
  SELECT * INTO v_user FROM public.relais_identity_user();
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  SELECT * INTO v_i FROM public.customer_identity WHERE id = p_id;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('refused', 'missing');
  END IF;
  v_refusal := public.relais_identity_writer(v_i.customer_id, v_user.o_role);
  IF v_refusal IS NOT NULL THEN
    RETURN v_refusal;
  END IF;
  SELECT * INTO v_i FROM public.customer_identity WHERE id = p_id FOR UPDATE;
  IF v_i.value = p_value AND v_i.display = coalesce(nullif(p_display, ''), p_value) THEN
    RETURN jsonb_build_object('ok', true, 'id', p_id);
  END IF;
  IF v_i.value <> p_value THEN
    v_refusal := public.relais_identity_refusal(v_i.kind, p_value, v_i.customer_id);
    IF v_refusal IS NOT NULL THEN
      RETURN v_refusal;
    END IF;
  END IF;
  IF char_length(coalesce(p_display, '')) > 320 THEN
    RETURN jsonb_build_object('refused', 'invalid', 'why', 'a display of 320 characters at most');
  END IF;
  UPDATE public.customer_identity SET value = p_value,
    display = coalesce(nullif(p_display, ''), p_value) WHERE id = p_id;
  RETURN jsonb_build_object('ok', true, 'id', p_id);
END $$;

-- Removes an identity: the row goes, a removal with its id and what it was stays (the pull
-- takes it to the copies, which delete the identity). Removing it again answers ok.
CREATE FUNCTION public.relais_identity_remove(p_id uuid) RETURNS jsonb LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_user record;
  v_i public.customer_identity;
  v_refusal jsonb;
BEGIN
  SELECT * INTO v_user FROM public.relais_identity_user();
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  SELECT * INTO v_i FROM public.customer_identity WHERE id = p_id;
  IF NOT FOUND THEN
    IF EXISTS (SELECT 1 FROM public.identity_removal WHERE id = p_id) THEN
      RETURN jsonb_build_object('ok', true, 'id', p_id);
    END IF;
    RETURN jsonb_build_object('refused', 'missing');
  END IF;
  v_refusal := public.relais_identity_writer(v_i.customer_id, v_user.o_role);
  IF v_refusal IS NOT NULL THEN
    RETURN v_refusal;
  END IF;
  INSERT INTO public.identity_removal (id, customer_id, kind, value, display, removed_by,
                                       removed_at)
    VALUES (v_i.id, v_i.customer_id, v_i.kind, v_i.value, v_i.display, v_user.o_me, now());
  DELETE FROM public.customer_identity WHERE id = p_id;
  RETURN jsonb_build_object('ok', true, 'id', p_id);
END $$;

-- Who may merge A and B, or undo their merge: a supervisor whose team served either of them
-- (one of their contacts is the team's), an administrator any. NULL when allowed.
CREATE FUNCTION public.relais_merge_allowed(p_a uuid, p_b uuid, p_role text, p_team uuid)
  RETURNS jsonb LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT CASE
    WHEN p_role = 'admin' THEN NULL
    WHEN p_role = 'supervisor' AND p_team IS NOT NULL AND EXISTS (
      SELECT 1 FROM public.contact k WHERE k.customer_id IN (p_a, p_b) AND k.team_id = p_team)
      THEN NULL
    ELSE jsonb_build_object('refused', 'team',
      'why', 'your team served neither customer: a supervisor of their team, or an administrator, merges them')
  END $$;
REVOKE EXECUTE ON FUNCTION public.relais_merge_allowed(uuid, uuid, text, uuid) FROM PUBLIC;

-- Why p_from may not be merged into p_into, or NULL (then what would move, as counts).
CREATE FUNCTION public.relais_merge_refusal(p_into uuid, p_from uuid, p_role text, p_team uuid)
  RETURNS jsonb LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_a public.customer;
  v_b public.customer;
BEGIN
  IF p_into IS NULL OR p_from IS NULL OR p_into = p_from THEN
    RETURN jsonb_build_object('refused', 'same');
  END IF;
  SELECT * INTO v_a FROM public.customer WHERE id = p_into;
  SELECT * INTO v_b FROM public.customer WHERE id = p_from;
  IF v_a.id IS NULL OR v_b.id IS NULL THEN
    RETURN jsonb_build_object('refused', 'missing');
  END IF;
  IF v_a.merged_into IS NOT NULL THEN
    RETURN jsonb_build_object('refused', 'merged', 'customer', v_a.merged_into);
  END IF;
  IF v_b.merged_into IS NOT NULL THEN
    RETURN jsonb_build_object('refused', 'merged', 'customer', v_b.merged_into);
  END IF;
  IF public.relais_apart(v_a.segment, v_b.segment) THEN
    RETURN jsonb_build_object('refused', 'apart', 'customer', v_b.id, 'segment', v_a.segment,
      'other_segment', v_b.segment, 'reason', public.relais_apart_reason(v_a.segment, v_b.segment));
  END IF;
  RETURN public.relais_merge_allowed(p_into, p_from, p_role, p_team);
END $$;
REVOKE EXECUTE ON FUNCTION public.relais_merge_refusal(uuid, uuid, text, uuid) FROM PUBLIC;

CREATE FUNCTION public.relais_merger(OUT o_me uuid, OUT o_role text, OUT o_team uuid)
  LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  SELECT id, role, team_id INTO o_me, o_role, o_team FROM public.advisor
    WHERE login = session_user AND active AND role IN ('supervisor', 'admin');
  IF o_me IS NULL THEN
    RAISE EXCEPTION 'only supervisors and administrators merge customers'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
END $$;
REVOKE EXECUTE ON FUNCTION public.relais_merger() FROM PUBLIC;

-- What a merge of p_from into p_into would move, or why it may not be made.
CREATE FUNCTION public.relais_merge_preview(p_into uuid, p_from uuid) RETURNS jsonb
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_user record;
  v_refusal jsonb;
BEGIN
  SELECT * INTO v_user FROM public.relais_merger();
  v_refusal := public.relais_merge_refusal(p_into, p_from, v_user.o_role, v_user.o_team);
  IF v_refusal IS NOT NULL THEN
    RETURN v_refusal;
  END IF;
  RETURN jsonb_build_object('ok', true,
    'contacts', (SELECT count(*) FROM public.contact WHERE customer_id = p_from),
    'open', (SELECT count(*) FROM public.contact WHERE customer_id = p_from
             AND status IN ('queued', 'in_progress')),
    'identities', (SELECT coalesce(jsonb_agg(jsonb_build_object('kind', kind, 'display', display)
                                             ORDER BY kind, created_at), '[]')
                   FROM public.customer_identity WHERE customer_id = p_from));
END $$;

-- Merges p_from (B) into p_into (A): B's contacts and identities move to A, B stays, marked
-- merged into A; the merge row says who, when and exactly what moved.
CREATE FUNCTION public.relais_merge_customers(p_into uuid, p_from uuid) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_user record;
  v_refusal jsonb;
  v_contacts uuid[];
  v_identities uuid[];
  v_merge uuid := gen_random_uuid();
BEGIN
  SELECT * INTO v_user FROM public.relais_merger();
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  PERFORM 1 FROM public.customer WHERE id IN (p_into, p_from) ORDER BY id FOR UPDATE;
  v_refusal := public.relais_merge_refusal(p_into, p_from, v_user.o_role, v_user.o_team);
  IF v_refusal IS NOT NULL THEN
    RETURN v_refusal;
  END IF;
  v_contacts := ARRAY(SELECT id FROM public.contact WHERE customer_id = p_from ORDER BY id);
  v_identities := ARRAY(SELECT id FROM public.customer_identity WHERE customer_id = p_from
                        ORDER BY id);
  UPDATE public.contact SET customer_id = p_into, version = version + 1
    WHERE id = ANY (v_contacts);
  UPDATE public.customer_identity SET customer_id = p_into WHERE id = ANY (v_identities);
  UPDATE public.customer SET merged_into = p_into, updated_at = now(), version = version + 1
    WHERE id = p_from;
  UPDATE public.customer SET updated_at = now(), version = version + 1 WHERE id = p_into;
  -- Whoever keeps B keeps A, so their copies get what moved.
  INSERT INTO public.desk_customer (login, customer_id, since)
    SELECT d.login, p_into, now() FROM public.desk_customer d WHERE d.customer_id = p_from
    ON CONFLICT DO NOTHING;
  INSERT INTO public.customer_merge (id, customer_id, merged_id, merged_by, merged_at, moved)
    VALUES (v_merge, p_into, p_from, v_user.o_me, now(),
            json_build_object('contacts', v_contacts, 'identities', v_identities));
  RETURN jsonb_build_object('ok', true, 'merge', v_merge,
    'contacts', cardinality(v_contacts), 'identities', cardinality(v_identities));
END $$;

-- Undoes a merge: what moved goes back to B (only what is still on A: an identity removed
-- since stays removed), A keeps what it got since; B is no longer merged.
CREATE FUNCTION public.relais_undo_merge(p_merge uuid) RETURNS jsonb LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_user record;
  v_m public.customer_merge;
  v_refusal jsonb;
  v_contacts uuid[];
  v_identities uuid[];
  v_n int;
  v_k int;
BEGIN
  SELECT * INTO v_user FROM public.relais_merger();
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  SELECT * INTO v_m FROM public.customer_merge WHERE id = p_merge;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('refused', 'missing');
  END IF;
  PERFORM 1 FROM public.customer WHERE id IN (v_m.customer_id, v_m.merged_id) ORDER BY id
    FOR UPDATE;
  SELECT * INTO v_m FROM public.customer_merge WHERE id = p_merge FOR UPDATE;
  IF v_m.undone_at IS NOT NULL THEN
    RETURN jsonb_build_object('refused', 'undone');
  END IF;
  v_refusal := public.relais_merge_allowed(v_m.customer_id, v_m.merged_id, v_user.o_role,
                                           v_user.o_team);
  IF v_refusal IS NOT NULL THEN
    RETURN v_refusal;
  END IF;
  IF (SELECT merged_into FROM public.customer WHERE id = v_m.customer_id) IS NOT NULL THEN
    RETURN jsonb_build_object('refused', 'later',
      'customer', (SELECT merged_into FROM public.customer WHERE id = v_m.customer_id));
  END IF;
  v_contacts := ARRAY(SELECT jsonb_array_elements_text(v_m.moved::jsonb -> 'contacts'))::uuid[];
  v_identities := ARRAY(SELECT jsonb_array_elements_text(v_m.moved::jsonb -> 'identities'))::uuid[];
  UPDATE public.contact SET customer_id = v_m.merged_id, version = version + 1
    WHERE id = ANY (v_contacts) AND customer_id = v_m.customer_id;
  GET DIAGNOSTICS v_n = ROW_COUNT;
  UPDATE public.customer_identity SET customer_id = v_m.merged_id
    WHERE id = ANY (v_identities) AND customer_id = v_m.customer_id;
  GET DIAGNOSTICS v_k = ROW_COUNT;
  UPDATE public.customer SET merged_into = NULL, updated_at = now(), version = version + 1
    WHERE id = v_m.merged_id;
  UPDATE public.customer SET updated_at = now(), version = version + 1 WHERE id = v_m.customer_id;
  UPDATE public.customer_merge SET undone_by = v_user.o_me, undone_at = now() WHERE id = p_merge;
  INSERT INTO public.desk_customer (login, customer_id, since)
    SELECT d.login, v_m.merged_id, now() FROM public.desk_customer d
    WHERE d.customer_id = v_m.customer_id
    ON CONFLICT DO NOTHING;
  RETURN jsonb_build_object('ok', true, 'contacts', v_n, 'identities', v_k);
END $$;

REVOKE EXECUTE ON FUNCTION public.relais_identity_add(uuid, uuid, text, text, text),
  public.relais_identity_change(uuid, text, text), public.relais_identity_remove(uuid),
  public.relais_merge_preview(uuid, uuid), public.relais_merge_customers(uuid, uuid),
  public.relais_undo_merge(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.relais_identity_add(uuid, uuid, text, text, text),
  public.relais_identity_change(uuid, text, text), public.relais_identity_remove(uuid),
  public.relais_merge_preview(uuid, uuid), public.relais_merge_customers(uuid, uuid),
  public.relais_undo_merge(uuid) TO @advisor@;

-- The segments kept apart, whatever path writes: an identity held across estates, a contact
-- moved across, a customer whose new segment would put their identities across.
CREATE FUNCTION public.relais_apart_identity() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_segment text;
BEGIN
  SELECT c.segment INTO v_segment FROM public.customer c
    JOIN public.segment_apart s ON s.segment = c.segment WHERE c.id = NEW.customer_id;
  IF v_segment IS NULL THEN
    RETURN NEW;
  END IF;
  IF EXISTS (SELECT 1 FROM public.customer_identity j JOIN public.customer cj ON cj.id = j.customer_id
             WHERE j.kind IN ('phone', 'email', 'facebook', 'x', 'instagram', 'whatsapp')
               AND j.value = NEW.value AND j.id <> NEW.id AND j.customer_id <> NEW.customer_id
               AND public.relais_apart(cj.segment, v_segment)) THEN
    RAISE EXCEPTION 'kept apart: % is held by a customer of a segment kept apart from %',
      NEW.value, v_segment USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER apart_identity BEFORE INSERT OR UPDATE OF value, customer_id
  ON public.customer_identity FOR EACH ROW EXECUTE FUNCTION public.relais_apart_identity();

CREATE FUNCTION public.relais_apart_contact() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_segment text;
BEGIN
  SELECT c.segment INTO v_segment FROM public.customer c
    JOIN public.segment_apart s ON s.segment = c.segment WHERE c.id = NEW.customer_id;
  IF v_segment IS NULL THEN
    RETURN NEW;
  END IF;
  IF OLD.customer_id IS NOT NULL AND public.relais_apart(
       (SELECT segment FROM public.customer WHERE id = OLD.customer_id), v_segment) THEN
    RAISE EXCEPTION 'kept apart: contact % belongs to a customer of a segment kept apart from %',
      NEW.reference, v_segment USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.sender_address <> '' AND EXISTS (
       SELECT 1 FROM public.customer_identity j JOIN public.customer cj ON cj.id = j.customer_id
       WHERE j.kind IN ('phone', 'email', 'facebook', 'x', 'instagram', 'whatsapp')
         AND j.value IN (lower(NEW.sender_address), '+' || NEW.sender_address)
         AND public.relais_apart(cj.segment, v_segment)) THEN
    RAISE EXCEPTION 'kept apart: the sender of contact % is a customer of a segment kept apart from %',
      NEW.reference, v_segment USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER apart_contact BEFORE UPDATE OF customer_id ON public.contact FOR EACH ROW
  WHEN (NEW.customer_id IS NOT NULL AND NEW.customer_id IS DISTINCT FROM OLD.customer_id)
  EXECUTE FUNCTION public.relais_apart_contact();

CREATE FUNCTION public.relais_apart_segment() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM public.customer_identity i
             JOIN public.customer_identity j ON j.kind = i.kind AND j.value = i.value
             JOIN public.customer cj ON cj.id = j.customer_id
             WHERE i.customer_id = NEW.id AND j.customer_id <> NEW.id
               AND public.relais_apart(cj.segment, NEW.segment)) THEN
    RAISE EXCEPTION 'kept apart: an identity of this customer is held by a customer of a segment kept apart from %',
      NEW.segment USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER apart_segment BEFORE UPDATE OF segment ON public.customer FOR EACH ROW
  WHEN (NEW.segment IS DISTINCT FROM OLD.segment) EXECUTE FUNCTION public.relais_apart_segment();
REVOKE EXECUTE ON FUNCTION public.relais_apart_identity(), public.relais_apart_contact(),
  public.relais_apart_segment() FROM PUBLIC;
