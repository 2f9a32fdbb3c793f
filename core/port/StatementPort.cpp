#include "port/StatementPort.h"

#include "dialect/Dialect.h"
#include "schema/SqliteDdlTokenizer.h"

#include <QSet>

namespace strata {

using sqliteddl::SqlTokens;
using sqliteddl::TokenKind;

namespace {

QString lower(const QString &s)
{
    return s.toLower();
}

// The name at token i, skipping a `schema.` prefix; `next` receives the token after it.
QString nameAt(const SqlTokens &t, qsizetype i, qsizetype *next)
{
    if (t.isPunct(i + 1, u'.')) {
        *next = i + 3;
        return t.name(i + 2);
    }
    *next = i + 1;
    return t.name(i);
}

qsizetype skipIfExists(const SqlTokens &t, qsizetype i)
{
    if (t.isKeyword(i, "IF") && t.isKeyword(i + 1, "NOT") && t.isKeyword(i + 2, "EXISTS"))
        return i + 3;
    if (t.isKeyword(i, "IF") && t.isKeyword(i + 1, "EXISTS"))
        return i + 2;
    return i;
}

// The first relation after the first top-level FROM at or after `from`, lower case.
QString firstFrom(const SqlTokens &t, qsizetype from)
{
    const int depth = from < t.size() ? t[from].depth : 0;
    for (qsizetype i = from; i < t.size(); ++i) {
        if (t[i].depth == depth && t.isKeyword(i, "FROM")) {
            qsizetype next = 0;
            return lower(nameAt(t, i + 1, &next));
        }
    }
    return {};
}

QString literal(const QString &text)
{
    return u'\'' + QString(text).replace(u'\'', QLatin1String("''")) + u'\'';
}

} // namespace

SqliteStatement SqliteStatement::read(const QString &sql, int line)
{
    SqliteStatement s;
    s.sql = sql;
    s.line = line;
    const SqlTokens t(sql);
    if (t.size() == 0)
        return s;
    const QString first = lower(t[0].text);
    qsizetype next = 0;
    if (first == QLatin1String("create")) {
        qsizetype i = 1;
        while (t.isKeyword(i, "TEMP") || t.isKeyword(i, "TEMPORARY") || t.isKeyword(i, "UNIQUE") ||
               t.isKeyword(i, "VIRTUAL"))
            ++i;
        const QString what = lower(t.name(i));
        if (QStringList{"table", "index", "view", "trigger"}.contains(what)) {
            s.kind = StatementKind::Schema;
            s.verb = QStringLiteral("create ") + what;
            s.object = nameAt(t, skipIfExists(t, i + 1), &next);
            s.createAs = what == QLatin1String("table") && t.isKeyword(next, "AS");
        }
    } else if (first == QLatin1String("alter") && t.isKeyword(1, "TABLE")) {
        s.kind = StatementKind::Schema;
        s.verb = QStringLiteral("alter table");
        s.object = nameAt(t, 2, &next);
        if (t.isKeyword(next, "RENAME") && t.isKeyword(next + 1, "TO"))
            s.renamedTo = t.name(next + 2);
        const qsizetype column = t.isKeyword(next + 1, "COLUMN") ? next + 2 : next + 1;
        if (t.isKeyword(next, "RENAME") && !t.isKeyword(next + 1, "TO") &&
            t.isKeyword(column + 1, "TO")) {
            s.renamedColumn = t.name(column);
            s.renamedColumnTo = t.name(column + 2);
        }
        s.namesOnly = (t.isKeyword(next, "DROP") && column + 1 == t.size()) ||
                      (t.isKeyword(next, "RENAME") && next + 3 <= t.size() && t.size() <= next + 5);
    } else if (first == QLatin1String("drop")) {
        const QString what = lower(t.name(1));
        if (QStringList{"table", "index", "view", "trigger"}.contains(what)) {
            s.kind = StatementKind::Schema;
            s.verb = QStringLiteral("drop ") + what;
            s.object = nameAt(t, skipIfExists(t, 2), &next);
            s.namesOnly =
                what != QLatin1String("trigger") && next == t.size(); // PostgreSQL's needs ON
        }
    } else if (first == QLatin1String("insert") || first == QLatin1String("replace")) {
        s.kind = StatementKind::Data;
        s.verb = QStringLiteral("insert");
        for (qsizetype i = 1; i < t.size(); ++i) {
            if (t.isKeyword(i, "INTO")) {
                s.object = nameAt(t, i + 1, &next);
                break;
            }
        }
        for (qsizetype i = next; i < t.size(); ++i) {
            if (t[i].depth == 0 && t.isKeyword(i, "SELECT")) {
                s.selectsFrom = firstFrom(t, i);
                break;
            }
        }
    } else if (QStringList{"update", "delete", "select", "with", "values"}.contains(first)) {
        s.kind = StatementKind::Data;
        s.verb = first;
    } else if (first == QLatin1String("pragma")) {
        s.kind = StatementKind::Pragma;
        s.verb = first;
    } else if (QStringList{"begin", "commit", "end", "rollback", "savepoint", "release"}.contains(
                   first)) {
        s.kind = StatementKind::Transaction;
        s.verb = first;
    } else if (QStringList{"vacuum", "reindex", "analyze"}.contains(first)) {
        s.kind = StatementKind::Maintenance;
        s.verb = first;
    }
    return s;
}

TranslationContext StatementPort::contextFor(const TransferPlan &plan,
                                             const TransferOptions &options)
{
    TranslationContext c;
    c.schema = options.targetSchema;
    c.foldLowerCase = options.foldLowerCase;
    c.nocase = options.nocase;
    QSet<QString> notText;
    for (const TableDecision &d : plan.tables) {
        c.relations.insert(lower(d.sourceName), d.targetName);
        for (const ColumnDecision &col : d.columns) {
            const QString key = lower(col.sourceName);
            const auto known = c.columns.constFind(key);
            if (known != c.columns.constEnd() && *known != col.targetName)
                c.columns.insert(key, QString()); // named differently per table
            else
                c.columns.insert(key, col.targetName);
            if (col.targetType == QLatin1String("boolean"))
                c.booleanColumns.insert(key);
            if (col.targetType == QLatin1String("text"))
                c.textColumns.insert(key);
            else
                notText.insert(key);
        }
    }
    for (const QString &key : std::as_const(notText))
        c.textColumns.remove(key);
    for (const View &v : plan.source.views)
        c.relations.insert(lower(v.name), options.foldLowerCase ? lower(v.name) : v.name);
    return c;
}

QString StatementPort::unqualified(const QString &sql, const QString &schema)
{
    if (schema.isEmpty())
        return sql;
    QString out;
    out.reserve(sql.size());
    auto isWordChar = [](QChar c) { return c.isLetterOrNumber() || c == u'_' || c == u'$'; };
    qsizetype i = 0;
    const qsizetype n = sql.size();
    while (i < n) {
        const QChar c = sql[i];
        // Strings, comments and dollar-quoted bodies are copied as they are.
        if (c == u'\'') {
            qsizetype j = i + 1;
            while (j < n && !(sql[j] == u'\'' && (j + 1 >= n || sql[j + 1] != u'\'')))
                j += sql[j] == u'\'' ? 2 : 1;
            out += sql.mid(i, j + 1 - i);
            i = j + 1;
            continue;
        }
        if (c == u'-' && i + 1 < n && sql[i + 1] == u'-') {
            const qsizetype end = sql.indexOf(u'\n', i);
            const qsizetype j = end < 0 ? n : end;
            out += sql.mid(i, j - i);
            i = j;
            continue;
        }
        if (c == u'/' && i + 1 < n && sql[i + 1] == u'*') {
            const qsizetype end = sql.indexOf(QLatin1String("*/"), i + 2);
            const qsizetype j = end < 0 ? n : end + 2;
            out += sql.mid(i, j - i);
            i = j;
            continue;
        }
        const bool wordStart = (c.isLetter() || c == u'_') && (i == 0 || !isWordChar(sql[i - 1]));
        if (c == u'$' && (i == 0 || !isWordChar(sql[i - 1]))) {
            const qsizetype close = sql.indexOf(u'$', i + 1);
            const QString tag = close > i ? sql.mid(i, close - i + 1) : QString();
            const bool validTag =
                !tag.isEmpty() && std::all_of(tag.begin() + 1, tag.end() - 1, isWordChar);
            if (validTag) {
                const qsizetype end = sql.indexOf(tag, close + 1);
                const qsizetype bodyEnd = end < 0 ? n : end + tag.size();
                // A function body is SQL too: qualifiers inside it go the same way.
                out += tag +
                       unqualified(sql.mid(close + 1, (end < 0 ? n : end) - close - 1), schema) +
                       (end < 0 ? QString() : tag);
                i = bodyEnd;
                continue;
            }
        }
        if (c == u'"' || wordStart) {
            qsizetype j = i;
            QString name;
            if (c == u'"') {
                j = i + 1;
                while (j < n && !(sql[j] == u'"' && (j + 1 >= n || sql[j + 1] != u'"'))) {
                    name += sql[j];
                    j += sql[j] == u'"' ? 2 : 1;
                }
                ++j;
            } else {
                while (j < n && isWordChar(sql[j]))
                    ++j;
                name = sql.mid(i, j - i).toLower();
            }
            const bool qualifier =
                j < n && sql[j] == u'.' && name == schema && (i == 0 || sql[i - 1] != u'.');
            if (qualifier) {
                i = j + 1;
                continue;
            }
            out += sql.mid(i, j - i);
            i = j;
            continue;
        }
        out += c;
        ++i;
    }
    return out;
}

DataPort StatementPort::data(const SqliteStatement &statement, const Schema &target,
                             const QList<TableDecision> &decisions,
                             const TranslationContext &context)
{
    DataPort out;
    auto manual = [&](const QString &reason) {
        out.notes.append({PortNoteKind::Manual, statement.line, statement.sql, reason});
        return out;
    };
    const ExpressionTranslator translator(context);
    const SqlTokens t(statement.sql);
    if (statement.verb != QLatin1String("insert")) {
        if (t.isKeyword(0, "UPDATE") && t.isKeyword(1, "OR"))
            return manual(QStringLiteral("UPDATE OR %1 has no PostgreSQL equivalent")
                              .arg(t[2].text.toUpper()));
        const Translation tr = translator.translate(statement.sql);
        if (!tr.ok())
            return manual(tr.problem);
        out.statements << unqualified(tr.sql, context.schema);
        return out;
    }

    // INSERT [OR conflict] INTO | REPLACE INTO: the conflict word, then the rest after INTO.
    QString conflict;
    qsizetype into = -1;
    for (qsizetype i = 0; i < t.size(); ++i) {
        if (t.isKeyword(i, "INTO")) {
            into = i;
            break;
        }
    }
    if (into < 0)
        return manual(QStringLiteral("an INSERT without INTO"));
    if (t.isKeyword(0, "REPLACE"))
        conflict = QStringLiteral("replace");
    else if (t.isKeyword(1, "OR"))
        conflict = lower(t[2].text);
    if (!conflict.isEmpty() && conflict != QLatin1String("ignore") &&
        conflict != QLatin1String("replace"))
        return manual(
            QStringLiteral("INSERT OR %1 has no PostgreSQL equivalent").arg(conflict.toUpper()));
    const QString plain = QStringLiteral("INSERT ") + t.text(into, t.size());

    // The inserted columns, as the target names them.
    qsizetype afterName = 0;
    const QString source = nameAt(t, into + 1, &afterName);
    const TableDecision *decision = nullptr;
    for (const TableDecision &d : decisions) {
        if (lower(d.sourceName) == lower(source))
            decision = &d;
    }
    const Table *table = decision ? target.table(context.schema, decision->targetName) : nullptr;
    if (t.isKeyword(afterName, "AS"))
        afterName += 2;
    QStringList columns;
    if (t.isPunct(afterName, u'(')) {
        for (qsizetype i = afterName + 1; i < t.closeOf(afterName); ++i) {
            if (t.isPunct(i, u','))
                continue;
            const ColumnDecision *c = decision ? decision->column(t.name(i)) : nullptr;
            columns << (c ? c->targetName : context.foldLowerCase ? lower(t.name(i)) : t.name(i));
        }
    } else if (table) {
        for (const Column &c : table->columns)
            columns << c.name;
    }

    // REPLACE replaces row by row, so a later row of one VALUES list wins over an earlier one
    // with the same key; one ON CONFLICT DO UPDATE cannot touch a row twice: one INSERT per row.
    QStringList bodies{plain};
    if (conflict == QLatin1String("replace")) {
        qsizetype values = -1;
        for (qsizetype i = afterName; i < t.size(); ++i) {
            if (t[i].depth == 0 && t.isKeyword(i, "VALUES")) {
                values = i;
                break;
            }
        }
        QStringList rows;
        qsizetype i = values + 1;
        while (values >= 0 && t.isPunct(i, u'(')) {
            const qsizetype close = t.closeOf(i);
            rows << t.text(i, close + 1);
            i = close + 1;
            if (!t.isPunct(i, u','))
                break;
            ++i;
        }
        if (rows.size() > 1 && i == t.size()) {
            bodies.clear();
            for (const QString &row : std::as_const(rows))
                bodies << QStringLiteral("INSERT ") + t.text(into, values) +
                              QStringLiteral(" VALUES ") + row;
        }
    }
    QStringList translated;
    for (const QString &body : std::as_const(bodies)) {
        const Translation tr = translator.translate(body);
        if (!tr.ok())
            return manual(tr.problem);
        translated << unqualified(tr.sql, context.schema);
    }
    QString sql; // the ON CONFLICT clause
    const std::unique_ptr<Dialect> pg = Dialect::create(Engine::Postgres);
    if (conflict == QLatin1String("ignore")) {
        sql += QStringLiteral(" ON CONFLICT DO NOTHING");
    } else if (conflict == QLatin1String("replace")) {
        if (!table)
            return manual(QStringLiteral("INSERT OR REPLACE into `%1`, a table the folder has not "
                                         "created at this version")
                              .arg(source));
        QList<QStringList> keys;
        if (table->primaryKey)
            keys << table->primaryKey->columns;
        for (const UniqueConstraint &u : table->uniques)
            keys << u.columns;
        for (const Index &i : table->indexes) {
            if (!i.unique || !i.where.isEmpty())
                continue;
            QStringList cols;
            for (const IndexColumn &c : i.columns)
                cols << (c.isExpression ? QString() : c.expression);
            if (!cols.contains(QString()))
                keys << cols;
        }
        QList<QStringList> covered;
        for (const QStringList &key : std::as_const(keys)) {
            if (std::all_of(key.begin(), key.end(),
                            [&](const QString &k) { return columns.contains(k); }))
                covered << key;
        }
        if (covered.isEmpty())
            return manual(QStringLiteral("INSERT OR REPLACE: the inserted columns cover no primary "
                                         "key or unique constraint of %1, so ON CONFLICT has no "
                                         "target")
                              .arg(table->name));
        if (covered.size() > 1)
            out.notes.append({PortNoteKind::Warning, statement.line, statement.sql,
                              QStringLiteral("REPLACE replaces rows conflicting on any key; ON "
                                             "CONFLICT takes one: (%1)")
                                  .arg(covered.first().join(QStringLiteral(", ")))});
        QStringList keyNames, sets;
        for (const QString &k : std::as_const(covered.first()))
            keyNames << pg->quoteIdentifier(k);
        for (const QString &c : std::as_const(columns)) {
            if (!covered.first().contains(c))
                sets << QStringLiteral("%1 = EXCLUDED.%1").arg(pg->quoteIdentifier(c));
        }
        sql +=
            QStringLiteral(" ON CONFLICT (%1) ").arg(keyNames.join(QStringLiteral(", "))) +
            (sets.isEmpty() ? QStringLiteral("DO NOTHING")
                            : QStringLiteral("DO UPDATE SET ") + sets.join(QStringLiteral(", ")));
    }
    for (const QString &insert : std::as_const(translated))
        out.statements << insert + sql;

    // Rows inserted with their own ids leave the identity behind them: move it past the
    // largest, as the transfer does after a load.
    if (decision && !decision->identityColumn.isEmpty()) {
        const ColumnDecision *id = decision->column(decision->identityColumn);
        const QString idName = id ? id->targetName : decision->identityColumn;
        if (columns.contains(idName)) {
            const QString qt = pg->quoteIdentifier(decision->targetName);
            const QString qc = pg->quoteIdentifier(idName);
            out.statements << QStringLiteral("SELECT setval(pg_get_serial_sequence(%1, %2), "
                                             "coalesce(max(%3), 0) + 1, false) FROM %4")
                                  .arg(literal(qt), literal(idName), qc, qt);
        }
    }
    return out;
}

} // namespace strata
