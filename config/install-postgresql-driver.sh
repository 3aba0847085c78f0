#!/usr/bin/env bash
# Installs the PostgreSQL JDBC driver (a jar from Maven Central, org.postgresql:postgresql) as the
# WildFly module org.postgresql, which rewind-datasource-postgresql.cli uses. Idempotent: the
# module is rewritten with the given jar.
#
#   config/install-postgresql-driver.sh <jboss-home> <postgresql.jar>
set -euo pipefail
home=${1:?usage: install-postgresql-driver.sh <jboss-home> <postgresql.jar>}
jar=${2:?usage: install-postgresql-driver.sh <jboss-home> <postgresql.jar>}
dir="$home/modules/org/postgresql/main"
mkdir -p "$dir"
rm -f "$dir"/*.jar
cp "$jar" "$dir/"
cat > "$dir/module.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<module xmlns="urn:jboss:module:1.9" name="org.postgresql">
    <resources>
        <resource-root path="$(basename "$jar")"/>
    </resources>
    <dependencies>
        <module name="java.logging"/>
        <module name="java.naming"/>
        <module name="java.sql"/>
        <module name="java.xml"/>
        <module name="jakarta.transaction.api"/>
    </dependencies>
</module>
XML
echo "PostgreSQL driver $(basename "$jar") installed as module org.postgresql in $home"
