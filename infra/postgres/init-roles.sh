#!/bin/sh
# Run once by the postgres image on an empty cluster (docker-entrypoint-initdb.d): the roles production uses.
#   pin_owner  owns the product's database and schema; migrations run as it (DATABASE_MIGRATION_URL).
#   pin_app    the product itself (DATABASE_URL): not a superuser, owns nothing; the owner grants it what it needs at
#              every migration (infra/db/roles.ts), on the audit trail only INSERT and SELECT.
#   temporal   the Temporal server's own databases.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" <<SQL
create role pin_owner login password '${PIN_OWNER_PASSWORD}' nosuperuser nocreatedb nocreaterole;
create role pin_app login password '${PIN_APP_PASSWORD}' nosuperuser nocreatedb nocreaterole;
create role temporal login password '${TEMPORAL_DB_PASSWORD}' nosuperuser createdb nocreaterole;
create database pin_service owner pin_owner;
revoke all on database pin_service from public;
grant connect on database pin_service to pin_app;
SQL
