-- Back office (revision 3fe0ed6959e9): what a workstation's push may no longer decide. The
-- centre's owner (migrations, the seed, the administrator's import tools) is not a user and
-- passes; a user reaches these tables only through the centre's functions.
CREATE OR REPLACE FUNCTION public.relais_session_is_user() RETURNS boolean LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM public.advisor WHERE login = session_user) $$;

-- A review item always enters the list to be reviewed, whoever sends it: its state, and who
-- took it, are the supervisors' to change (relais_review_*).
CREATE OR REPLACE FUNCTION public.relais_review_item_enters() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NOT public.relais_session_is_user() THEN
    RETURN NEW;
  END IF;
  NEW.state := 'to_review';
  NEW.taken_by := NULL;
  NEW.taken_at := NULL;
  NEW.done_at := NULL;
  RETURN NEW;
END $$;
CREATE TRIGGER review_item_enters BEFORE INSERT ON public.review_item
  FOR EACH ROW EXECUTE FUNCTION public.relais_review_item_enters();

-- Evaluations are made with a scorecard, blind, through relais_evaluate only: it names the
-- advisor evaluated and weighs the criteria itself.
CREATE OR REPLACE FUNCTION public.relais_evaluation_enters() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF current_setting('relais.evaluating', true) IS DISTINCT FROM 'on'
     AND public.relais_session_is_user() THEN
    RAISE EXCEPTION 'evaluations are entered in the back office'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER evaluation_enters BEFORE INSERT ON public.evaluation
  FOR EACH ROW EXECUTE FUNCTION public.relais_evaluation_enters();

-- Survey answers come in through relais_import_surveys only (its checks: a closed contact of the
-- importer's team, an answer in time, the centre's import time), not by a workstation's push.
CREATE OR REPLACE FUNCTION public.relais_survey_answer_enters() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF current_setting('relais.importing_surveys', true) IS DISTINCT FROM 'on'
     AND public.relais_session_is_user() THEN
    RAISE EXCEPTION 'survey answers are imported with relais surveys import'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER survey_answer_enters BEFORE INSERT OR UPDATE ON public.survey_answer
  FOR EACH ROW EXECUTE FUNCTION public.relais_survey_answer_enters();
