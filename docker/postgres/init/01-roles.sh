#!/usr/bin/env bash
# Creates the application's database and its two roles. The official postgres image runs the scripts in
# /docker-entrypoint-initdb.d once, at the first start on an empty data volume (as the superuser, over a
# local socket). To run it again: `docker-compose down -v` (this DELETES the data).
#
# Why two roles:
#   dth_owner  owns the database, schema public and every object the migrations create; only the `migrate`
#              service logs in as it.
#   dth_app    what the API logs in as. It owns nothing, so it cannot ALTER or DROP the tables, nor DISABLE
#              or DROP the append-only triggers: those need ownership. Its rights on the tables are given by
#              the migrate command itself (apps/api/src/database/grants.ts, run as dth_owner after migrating),
#              derived from the triggers the migrations define: SELECT and INSERT only on append-only tables,
#              no DELETE where deletes are refused, never TRUNCATE; so there is no list here to keep in step.
#
# Passwords come from the db service's environment (DTH_OWNER_PASSWORD, DTH_APP_PASSWORD). They are also
# written into DATABASE_URL in docker-compose.yml, so keep them URL-safe (letters, digits, - _ . ~).
set -euo pipefail

: "${DTH_OWNER_PASSWORD:?DTH_OWNER_PASSWORD must be set for the db service}"
: "${DTH_APP_PASSWORD:?DTH_APP_PASSWORD must be set for the db service}"

# Passwords go in as psql variables (:'name' quotes them as SQL literals), never pasted into the SQL text.
psql -v ON_ERROR_STOP=1 \
     --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
     -v owner_password="$DTH_OWNER_PASSWORD" \
     -v app_password="$DTH_APP_PASSWORD" <<'SQL'
CREATE ROLE dth_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'owner_password';
CREATE ROLE dth_app   LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'app_password';

CREATE DATABASE dien_hinh OWNER dth_owner ENCODING 'UTF8' TEMPLATE template0;

-- Nobody but the owner and the app connects to it.
REVOKE ALL ON DATABASE dien_hinh FROM PUBLIC;
GRANT CONNECT ON DATABASE dien_hinh TO dth_app;
SQL

psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname dien_hinh <<'SQL'
-- The schema belongs to the owner; nobody else may create objects in it (already the default since PG 15,
-- stated here so that it does not depend on the server version).
ALTER SCHEMA public OWNER TO dth_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO dth_app;

-- No default privileges: the tables do not exist yet, and each gets exactly its rights from the migrate
-- command (grants.ts) right after the migration that creates it. The append-only triggers remain the second
-- line of defence.
SQL

echo "01-roles.sh: database dien_hinh with roles dth_owner (owner) and dth_app (restricted) created."
