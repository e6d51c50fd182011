-- The files customers send (revision d2b8f4a6c0e1; app.sync.apply_attachments runs the same
-- rules on the embedded centre). @connector@: this centre's connector group, @advisor@: its
-- users'. The centre computes each kept file's size and SHA-256 itself: a connector's word for
-- them is not taken.

ALTER TABLE public.attachment ADD CONSTRAINT ck_attachment_state_known
  CHECK (state IN ('kept', 'pending', 'too_large', 'failed'));
ALTER TABLE public.attachment ADD CONSTRAINT ck_attachment_bytes_when_kept
  CHECK ((state = 'kept') = (content IS NOT NULL));
CREATE TRIGGER log_insert AFTER INSERT ON public.attachment REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.relais_log_changes();
CREATE TRIGGER log_update AFTER UPDATE ON public.attachment REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.relais_log_changes();
CREATE TRIGGER hold_log BEFORE INSERT OR UPDATE OR DELETE ON public.attachment
  FOR EACH STATEMENT WHEN (current_setting('relais.log_held', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION public.relais_hold_log();
-- Read as the messages are (they have no row-level security: the working set narrows what a
-- copy keeps, app.sync.scope); written by nobody but the functions below.
GRANT SELECT ON public.attachment TO @advisor@;

-- A name a person may be shown and a file system may take: 1 to 255 characters, no folder
-- part, no control character, no character that turns text around (U+202E makes
-- "invoice_fdp.exe" read "invoice_exe.pdf").
CREATE FUNCTION public.relais_attachment_name_ok(p_name text) RETURNS boolean
  LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT p_name IS NOT NULL AND char_length(p_name) BETWEEN 1 AND 255
     AND p_name !~ '[[:cntrl:]/\\\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]'
     AND p_name NOT IN ('.', '..') $$;
REVOKE EXECUTE ON FUNCTION public.relais_attachment_name_ok(text) FROM PUBLIC;

-- The files of a message this transaction's relais_receive just stored (a connector cannot add
-- files to anyone else's message): p_files is a list of {"filename", "declared_type",
-- "sniffed_type", "state": kept | pending | too_large | failed, "size", "reason", "source"},
-- p_contents the kept ones' bytes in the same order (NULL for the others). Returns how many.
CREATE FUNCTION public.relais_attach(p_message uuid, p_files jsonb, p_contents bytea[])
  RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_m public.message;
  v_file jsonb;
  v_state text;
  v_bytes bytea;
  v_source text;
  v_n int := 0;
BEGIN
  IF p_files IS NULL OR jsonb_typeof(p_files) <> 'array' THEN
    RAISE EXCEPTION 'the files are a list' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF jsonb_array_length(p_files) > 100
     OR coalesce(array_length(p_contents, 1), 0) > jsonb_array_length(p_files) THEN
    RAISE EXCEPTION 'at most 100 files, each with its bytes or none'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT * INTO v_m FROM public.message WHERE id = p_message;
  IF NOT FOUND OR v_m.direction <> 'inbound' OR NOT EXISTS (
      SELECT 1 FROM public.change_log c
      WHERE c.xid = pg_current_xact_id()::text::bigint AND c.table_name = 'message'
        AND c.row_id = p_message) THEN
    RAISE EXCEPTION 'files go only with a message received in the same transaction'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF EXISTS (SELECT 1 FROM public.attachment WHERE message_id = p_message) THEN
    RAISE EXCEPTION 'this message has its files already' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  FOR i IN 0 .. jsonb_array_length(p_files) - 1 LOOP
    v_file := p_files -> i;
    v_state := v_file ->> 'state';
    v_bytes := p_contents[i + 1];
    v_source := v_file ->> 'source';
    IF jsonb_typeof(v_file) <> 'object' OR NOT public.relais_attachment_name_ok(v_file ->> 'filename')
    THEN
      RAISE EXCEPTION 'file %: a name of 1 to 255 characters, with no folder, control or '
        'direction character', i + 1 USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF v_state IS NULL OR v_state NOT IN ('kept', 'pending', 'too_large', 'failed')
       OR (v_state = 'kept') <> (v_bytes IS NOT NULL) THEN
      RAISE EXCEPTION 'file %: kept with its bytes, or pending, too_large or failed without',
        i + 1 USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF v_bytes IS NOT NULL AND octet_length(v_bytes) > 64 * 1024 * 1024 THEN
      RAISE EXCEPTION 'file %: the centre keeps no file over 64 MB', i + 1
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF v_state = 'pending' AND (v_source IS NULL OR char_length(v_source) NOT BETWEEN 1 AND 2000)
    THEN
      RAISE EXCEPTION 'file %: a file to fetch needs where from (1 to 2000 characters)', i + 1
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO public.attachment (id, message_id, contact_id, position, filename, declared_type,
        sniffed_type, size, sha256, content, state, reason, source, attempts, next_attempt_at,
        created_at, updated_at)
      VALUES (gen_random_uuid(), v_m.id, v_m.contact_id, i, v_file ->> 'filename',
        left(coalesce(v_file ->> 'declared_type', ''), 127),
        left(coalesce(v_file ->> 'sniffed_type', ''), 127),
        CASE WHEN v_bytes IS NOT NULL THEN octet_length(v_bytes)
             ELSE greatest(coalesce((v_file ->> 'size')::bigint, 0), 0) END,
        CASE WHEN v_bytes IS NOT NULL THEN encode(sha256(v_bytes), 'hex') END,
        v_bytes, v_state, left(coalesce(v_file ->> 'reason', ''), 300),
        CASE WHEN v_state = 'pending' THEN v_source END, 0,
        CASE WHEN v_state = 'pending' THEN now() END, now(), now());
    v_n := v_n + 1;
  END LOOP;
  RETURN v_n;
EXCEPTION WHEN invalid_text_representation OR numeric_value_out_of_range THEN
  RAISE EXCEPTION 'a size is a whole number of bytes' USING ERRCODE = 'invalid_parameter_value';
END $$;

-- Up to p_limit chat media of a channel due for fetching, each leased to the caller for ten
-- minutes (FOR UPDATE SKIP LOCKED: two connectors never fetch the same one).
CREATE FUNCTION public.relais_attachments_due(p_channel text, p_limit integer) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_ids uuid[];
BEGIN
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  SELECT array_agg(x.id) INTO v_ids FROM (
    SELECT a.id FROM public.attachment a JOIN public.contact k ON k.id = a.contact_id
    WHERE a.state = 'pending' AND a.next_attempt_at <= now() AND k.channel = p_channel
    ORDER BY a.next_attempt_at, a.id
    LIMIT least(greatest(coalesce(p_limit, 1), 1), 100)
    FOR UPDATE OF a SKIP LOCKED) x;
  IF v_ids IS NULL THEN
    RETURN '[]'::jsonb;
  END IF;
  UPDATE public.attachment SET next_attempt_at = now() + interval '10 minutes',
         attempts = least(attempts + 1, 32000), updated_at = now()
    WHERE id = ANY (v_ids);
  RETURN (
    SELECT coalesce(jsonb_agg(jsonb_build_object('attachment_id', a.id, 'source', a.source,
      'filename', a.filename, 'declared_type', a.declared_type, 'attempt', a.attempts)
      ORDER BY a.id), '[]'::jsonb)
    FROM public.attachment a WHERE a.id = ANY (v_ids));
END $$;

-- What the connector made of one: {"attachment_id", "outcome": kept | too_large | failed |
-- retry, "reason", "sniffed_type", "size", "retry_after" (seconds)} with the bytes when kept.
-- Only a pending file moves, once; a file still not fetched a day after it arrived has failed.
CREATE FUNCTION public.relais_attachment_fetched(p jsonb, p_content bytea) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_a public.attachment;
  v_outcome text := p ->> 'outcome';
  v_reason text := left(coalesce(p ->> 'reason', ''), 300);
  v_wait double precision;
BEGIN
  IF v_outcome IS NULL OR v_outcome NOT IN ('kept', 'too_large', 'failed', 'retry')
     OR (v_outcome = 'kept') <> (p_content IS NOT NULL) THEN
    RAISE EXCEPTION 'kept with the bytes, or too_large, failed or retry without'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_content IS NOT NULL AND octet_length(p_content) > 64 * 1024 * 1024 THEN
    RAISE EXCEPTION 'the centre keeps no file over 64 MB' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  BEGIN
    SELECT * INTO v_a FROM public.attachment WHERE id = (p ->> 'attachment_id')::uuid
      FOR UPDATE;
    v_wait := least(greatest(coalesce((p ->> 'retry_after')::double precision, 60), 30), 21600);
  EXCEPTION WHEN invalid_text_representation OR numeric_value_out_of_range THEN
    RAISE EXCEPTION 'no such file to fetch' USING ERRCODE = 'invalid_parameter_value';
  END;
  IF NOT FOUND OR v_a.state <> 'pending' THEN
    RAISE EXCEPTION 'no such file to fetch' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  IF v_outcome = 'retry' AND v_a.created_at < now() - interval '1 day' THEN
    v_outcome := 'failed';
    v_reason := left('expired: ' || v_reason, 300);
  END IF;
  IF v_outcome = 'retry' THEN
    UPDATE public.attachment SET reason = v_reason,
           next_attempt_at = now() + make_interval(secs => v_wait), updated_at = now()
      WHERE id = v_a.id;
    RETURN 'pending';
  END IF;
  UPDATE public.attachment SET state = v_outcome, content = p_content,
         size = CASE WHEN p_content IS NOT NULL THEN octet_length(p_content)
                     ELSE greatest(coalesce((p ->> 'size')::bigint, size), 0) END,
         sha256 = CASE WHEN p_content IS NOT NULL THEN encode(sha256(p_content), 'hex') END,
         sniffed_type = left(coalesce(p ->> 'sniffed_type', sniffed_type), 127),
         reason = CASE WHEN v_outcome = 'kept' THEN '' ELSE v_reason END,
         source = NULL, next_attempt_at = NULL, updated_at = now()
    WHERE id = v_a.id;
  RETURN v_outcome;
END $$;

REVOKE EXECUTE ON FUNCTION public.relais_attach(uuid, jsonb, bytea[]),
  public.relais_attachments_due(text, integer), public.relais_attachment_fetched(jsonb, bytea)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.relais_attach(uuid, jsonb, bytea[]),
  public.relais_attachments_due(text, integer), public.relais_attachment_fetched(jsonb, bytea)
  TO @connector@;

-- A letter's customer, named by the account number written on it (``relais ingest letter
-- --customer``), for the letter contact this transaction just received and no other: false
-- when no customer, or more than one, has that number (the caller then rolls it all back).
CREATE FUNCTION public.relais_letter_customer(p_message uuid, p_account text) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_contact uuid;
  v_customer uuid;
BEGIN
  SELECT k.id INTO v_contact FROM public.message m JOIN public.contact k ON k.id = m.contact_id
    WHERE m.id = p_message AND k.channel = 'letter' AND k.customer_id IS NULL
      AND EXISTS (SELECT 1 FROM public.change_log c
                  WHERE c.xid = pg_current_xact_id()::text::bigint AND c.table_name = 'message'
                    AND c.row_id = p_message);
  IF v_contact IS NULL THEN
    RAISE EXCEPTION 'a letter''s customer is named only with the letter, in its transaction'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT min(id::text)::uuid INTO v_customer FROM public.customer
    WHERE account_number = p_account HAVING count(*) = 1;
  IF v_customer IS NULL THEN
    RETURN false;
  END IF;
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  UPDATE public.contact SET customer_id = v_customer, version = version + 1 WHERE id = v_contact;
  RETURN true;
END $$;
REVOKE EXECUTE ON FUNCTION public.relais_letter_customer(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.relais_letter_customer(uuid, text) TO @connector@;

-- A reply to a letter leaves on paper: the advisor who wrote it says it was printed, and its
-- delivery, queued since the push, is sent (false when it is not theirs, not a letter's, or
-- no longer queued). No connector is involved; nothing else of the delivery is theirs to move.
CREATE FUNCTION public.relais_letter_printed(p_message uuid) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_id uuid;
BEGIN
  SELECT d.id INTO v_id FROM public.delivery d JOIN public.message m ON m.id = d.message_id
    WHERE d.message_id = p_message AND d.channel = 'letter' AND d.state = 'queued'
      AND m.direction = 'outbound' AND m.author_id = public.relais_me()
    FOR UPDATE OF d;
  IF v_id IS NULL THEN
    RETURN false;
  END IF;
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  UPDATE public.delivery SET state = 'sent', reason = '', lease_until = NULL,
         external_id = 'printed', attempts = attempts + 1, updated_at = now()
    WHERE id = v_id;
  RETURN true;
END $$;
REVOKE EXECUTE ON FUNCTION public.relais_letter_printed(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.relais_letter_printed(uuid) TO @advisor@;
