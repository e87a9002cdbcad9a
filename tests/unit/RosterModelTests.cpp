// RosterModel and RosterFilterModel on synthetic rosters: the group tree, every role, targeted
// change signals (a 1,000-contact fill is one reset), sorting and filtering.
#include "client/RosterModel.h"

#include <catch2/catch.hpp>

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>

using namespace flint;
using namespace Qt::StringLiterals;

namespace {

RosterContact contact(const QString &jid, const QString &name = {}, const QStringList &groups = {},
                      const QList<ResourcePresence> &resources = {})
{
    RosterContact contact;
    contact.jid = jid;
    contact.name = name;
    contact.groups = groups;
    contact.subscription = RosterContact::Both;
    contact.resources = resources;
    return contact;
}

ResourcePresence resource(const QString &name, PresenceStatus::Availability availability,
                          int priority = 0, const QString &text = {})
{
    return {name, {availability, text}, priority};
}

// The top-level row whose display text is `name`, or an invalid index.
QModelIndex groupNamed(const QAbstractItemModel &model, const QString &name)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex group = model.index(row, 0);
        if (group.data().toString() == name)
            return group;
    }
    return {};
}

// The JIDs under `group`, in row order.
QStringList jidsIn(const QAbstractItemModel &model, const QModelIndex &group)
{
    QStringList jids;
    for (int row = 0; row < model.rowCount(group); ++row)
        jids << model.index(row, 0, group).data(RosterModel::JidRole).toString();
    return jids;
}

QStringList groupNames(const QAbstractItemModel &model)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(); ++row)
        names << model.index(row, 0).data().toString();
    return names;
}

// Collation depends on the locale; the sorting tests pin one.
struct LocaleScope {
    explicit LocaleScope(const QLocale &locale) { QLocale::setDefault(locale); }
    ~LocaleScope() { QLocale::setDefault(previous); }
    QLocale previous;
};

} // namespace

TEST_CASE("The roster tree has one row per group and contact, ungrouped ones under Contacts",
          "[unit][roster][model]")
{
    RosterModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setContacts({contact(u"ann@office.test"_s, u"Ann"_s, {u"Sales"_s, u"Team"_s}),
                       contact(u"bob@office.test"_s, {}, {u"Team"_s}),
                       contact(u"cid@office.test"_s)});

    CHECK(model.rowCount() == 3);
    const QModelIndex sales = groupNamed(model, u"Sales"_s);
    const QModelIndex team = groupNamed(model, u"Team"_s);
    const QModelIndex ungrouped = groupNamed(model, u"Contacts"_s);
    REQUIRE(sales.isValid());
    REQUIRE(team.isValid());
    REQUIRE(ungrouped.isValid());
    CHECK(jidsIn(model, sales) == QStringList{u"ann@office.test"_s});
    CHECK(jidsIn(model, team) == QStringList{u"ann@office.test"_s, u"bob@office.test"_s});
    CHECK(jidsIn(model, ungrouped) == QStringList{u"cid@office.test"_s});
    CHECK(ungrouped.data(RosterModel::IsUngroupedRole).toBool());
    CHECK(ungrouped.data(RosterModel::GroupNameRole).toString().isEmpty());
    CHECK_FALSE(team.data(RosterModel::IsUngroupedRole).toBool());
    CHECK(team.data(RosterModel::KindRole).value<RosterModel::ItemKind>() ==
          RosterModel::GroupItem);
    CHECK(team.data(RosterModel::ContactCountRole).toInt() == 2);
    CHECK(model.parent(model.index(1, 0, team)) == team);

    // The UI may call the group of ungrouped contacts something else.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setUngroupedName(u"Other people"_s);
    CHECK(changed.count() == 1);
    CHECK(ungrouped.data().toString() == u"Other people"_s);
}

TEST_CASE("Contact rows carry name, subscription, best presence, resources, avatar and unread",
          "[unit][roster][model]")
{
    RosterModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setUnreadCount(u"bob@office.test"_s, 4); // before the roster arrives
    RosterContact pending = contact(u"dee@office.test"_s);
    pending.subscription = RosterContact::NoSubscription;
    pending.subscriptionPending = true;
    RosterContact ann = contact(u"ann@office.test"_s, u"Ann Lee"_s, {u"Team"_s},
                                {resource(u"phone"_s, PresenceStatus::Away, 0, u"commuting"_s),
                                 resource(u"desk"_s, PresenceStatus::DoNotDisturb, 5, u"focus"_s)});
    ann.avatarHash = u"0a1b2c"_s;
    model.setContacts({ann, contact(u"bob@office.test"_s, {}, {u"Team"_s}), pending,
                       contact(u"gateway.office.test"_s)});

    const QModelIndex team = groupNamed(model, u"Team"_s);
    const QModelIndex annRow = model.index(0, 0, team);
    const QModelIndex bobRow = model.index(1, 0, team);
    CHECK(annRow.data().toString() == u"Ann Lee"_s);
    CHECK(annRow.data(RosterModel::KindRole).value<RosterModel::ItemKind>() ==
          RosterModel::ContactItem);
    CHECK(annRow.data(RosterModel::NameRole).toString() == u"Ann Lee"_s);
    CHECK(annRow.data(RosterModel::GroupsRole).toStringList() == QStringList{u"Team"_s});
    // The highest priority wins even when a lower one reads as more available.
    CHECK(annRow.data(RosterModel::AvailabilityRole).value<PresenceStatus::Availability>() ==
          PresenceStatus::DoNotDisturb);
    CHECK(annRow.data(RosterModel::StatusTextRole).toString() == u"focus"_s);
    const auto resources = annRow.data(RosterModel::ResourcesRole).value<QList<ResourcePresence>>();
    REQUIRE(resources.size() == 2);
    CHECK(resources[0].resource == u"desk"_s);
    CHECK(resources[1].resource == u"phone"_s);
    CHECK(resources[1].status.text == u"commuting"_s);
    CHECK(annRow.data(RosterModel::AvatarHashRole).toString() == u"0a1b2c"_s);
    CHECK(annRow.data(RosterModel::SubscriptionRole).value<RosterContact::Subscription>() ==
          RosterContact::Both);
    CHECK(annRow.data(RosterModel::UnreadCountRole).toInt() == 0);

    // Without a roster name, the JID's local part; offline without resources.
    CHECK(bobRow.data(RosterModel::DisplayNameRole).toString() == u"bob"_s);
    CHECK(bobRow.data(RosterModel::AvailabilityRole).value<PresenceStatus::Availability>() ==
          PresenceStatus::Offline);
    CHECK(bobRow.data(RosterModel::UnreadCountRole).toInt() == 4);
    CHECK(team.data(RosterModel::AvailableCountRole).toInt() == 1);

    const QModelIndex ungrouped = groupNamed(model, u"Contacts"_s);
    const QStringList others = jidsIn(model, ungrouped);
    const QModelIndex deeRow = model.index(int(others.indexOf(u"dee@office.test"_s)), 0, ungrouped);
    CHECK(deeRow.data(RosterModel::SubscriptionRole).value<RosterContact::Subscription>() ==
          RosterContact::NoSubscription);
    CHECK(deeRow.data(RosterModel::SubscriptionPendingRole).toBool());
    const QModelIndex gatewayRow =
        model.index(int(others.indexOf(u"gateway.office.test"_s)), 0, ungrouped);
    CHECK(gatewayRow.data().toString() == u"gateway.office.test"_s);

    // Equal priorities: the more reachable show is the best.
    model.setResources(u"bob@office.test"_s,
                       {resource(u"a"_s, PresenceStatus::ExtendedAway, 1),
                        resource(u"b"_s, PresenceStatus::Online, 1, u"here"_s),
                        resource(u"c"_s, PresenceStatus::Away, 1)});
    CHECK(bobRow.data(RosterModel::AvailabilityRole).value<PresenceStatus::Availability>() ==
          PresenceStatus::Online);
    CHECK(bobRow.data(RosterModel::StatusTextRole).toString() == u"here"_s);
    CHECK(team.data(RosterModel::AvailableCountRole).toInt() == 2);

    model.setUnreadCount(u"ann@office.test"_s, 2);
    CHECK(annRow.data(RosterModel::UnreadCountRole).toInt() == 2);
    model.setUnreadCount(u"ann@office.test"_s, 0);
    CHECK(annRow.data(RosterModel::UnreadCountRole).toInt() == 0);
}

TEST_CASE("Roster changes touch only the rows they concern", "[unit][roster][model]")
{
    RosterModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    QList<RosterContact> contacts;
    for (int i = 0; i < 1000; ++i) {
        contacts << contact(u"user%1@office.test"_s.arg(i), u"User %1"_s.arg(i),
                            {u"Group %1"_s.arg(i % 10)},
                            i % 3 == 0 ? QList{resource(u"desk"_s, PresenceStatus::Online)}
                                       : QList<ResourcePresence>{});
    }
    model.setContacts(contacts);
    CHECK(resets.count() == 1);
    CHECK(inserted.isEmpty());
    CHECK(changed.isEmpty());
    CHECK(model.rowCount() == 10);
    CHECK(model.rowCount(groupNamed(model, u"Group 3"_s)) == 100);

    // One presence: the contact's row, and its group's available count.
    model.setResources(u"user1@office.test"_s, {resource(u"desk"_s, PresenceStatus::Away)});
    CHECK(changed.count() == 2);
    // A status text change: only the contact's row.
    changed.clear();
    model.setResources(u"user1@office.test"_s,
                       {resource(u"desk"_s, PresenceStatus::Away, 0, u"lunch"_s)});
    CHECK(changed.count() == 1);
    CHECK(changed.first().at(0).value<QModelIndex>().data(RosterModel::JidRole).toString() ==
          u"user1@office.test"_s);
    // The same presence again: nothing.
    changed.clear();
    model.setResources(u"user1@office.test"_s,
                       {resource(u"desk"_s, PresenceStatus::Away, 0, u"lunch"_s)});
    CHECK(changed.isEmpty());
    // Presence of someone not in the roster: nothing.
    model.setResources(u"stranger@elsewhere.test"_s, {resource(u"x"_s, PresenceStatus::Online)});
    CHECK(changed.isEmpty());

    // A roster push moving a contact to a new group and a second one.
    RosterContact moved = model.contact(u"user2@office.test"_s);
    moved.groups = {u"Group 5"_s, u"Board"_s};
    model.updateRosterItem(moved);
    CHECK(removed.count() == 1);
    CHECK(inserted.count() == 3); // the Board group, and the contact under Group 5 and Board
    CHECK(jidsIn(model, groupNamed(model, u"Board"_s)) == QStringList{u"user2@office.test"_s});
    CHECK(model.rowCount(groupNamed(model, u"Group 2"_s)) == 99);
    CHECK(model.rowCount(groupNamed(model, u"Group 5"_s)) == 101);

    // Removing the group's last contact removes the group.
    removed.clear();
    model.removeContact(u"user2@office.test"_s);
    CHECK_FALSE(groupNamed(model, u"Board"_s).isValid());
    CHECK(removed.count() == 2);
    CHECK_FALSE(model.contains(u"user2@office.test"_s));
    CHECK(model.rowCount(groupNamed(model, u"Group 5"_s)) == 100);

    // A new contact with no group: the Contacts group appears.
    model.updateRosterItem(contact(u"new@office.test"_s));
    CHECK(jidsIn(model, groupNamed(model, u"Contacts"_s)) == QStringList{u"new@office.test"_s});
    CHECK(resets.count() == 1);

    // Disconnection: everyone offline in one signal per group plus one for the groups.
    changed.clear();
    model.clearPresences();
    CHECK(changed.count() == model.rowCount() + 1);
    CHECK(model.contact(u"user0@office.test"_s).resources.isEmpty());
}

TEST_CASE("The filter model sorts available contacts first, then by name in the locale",
          "[unit][roster][filter]")
{
    LocaleScope locale(QLocale(QLocale::French, QLocale::France));
    RosterModel model;
    model.setContacts({contact(u"zoe@office.test"_s, u"Zoé"_s, {u"Team"_s}),
                       contact(u"emile@office.test"_s, u"Émile"_s, {u"Team"_s}),
                       contact(u"user10@office.test"_s, {}, {u"Team"_s}),
                       contact(u"user2@office.test"_s, {}, {u"Team"_s}),
                       contact(u"anna@office.test"_s, u"anna"_s, {u"Team"_s}),
                       contact(u"fay@office.test"_s, u"Fay"_s, {u"Board"_s}),
                       contact(u"loner@office.test"_s)});
    RosterFilterModel filter;
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    filter.setSourceModel(&model);

    // Groups by name; the group of ungrouped contacts last.
    CHECK(groupNames(filter) == QStringList{u"Board"_s, u"Team"_s, u"Contacts"_s});
    const auto team = [&] { return groupNamed(filter, u"Team"_s); };
    // Accents do not push a name to the end; numbers compare as numbers; case is ignored.
    CHECK(jidsIn(filter, team()) == QStringList{u"anna@office.test"_s, u"emile@office.test"_s,
                                                u"user2@office.test"_s, u"user10@office.test"_s,
                                                u"zoe@office.test"_s});

    // Coming online moves a contact to the top; going offline moves it back.
    model.setResources(u"zoe@office.test"_s, {resource(u"desk"_s, PresenceStatus::Away)});
    model.setResources(u"user10@office.test"_s, {resource(u"desk"_s, PresenceStatus::Online)});
    CHECK(jidsIn(filter, team()) == QStringList{u"user10@office.test"_s, u"zoe@office.test"_s,
                                                u"anna@office.test"_s, u"emile@office.test"_s,
                                                u"user2@office.test"_s});
    model.setResources(u"zoe@office.test"_s, {});
    CHECK(jidsIn(filter, team()).first(2) ==
          QStringList{u"user10@office.test"_s, u"anna@office.test"_s});

    // A rename re-sorts.
    RosterContact renamed = model.contact(u"anna@office.test"_s);
    renamed.name = u"Yvonne"_s;
    model.updateRosterItem(renamed);
    CHECK(jidsIn(filter, team()).last(2) ==
          QStringList{u"anna@office.test"_s, u"zoe@office.test"_s});
}

TEST_CASE("The filter model matches name or JID and can hide offline contacts",
          "[unit][roster][filter]")
{
    RosterModel model;
    model.setContacts({contact(u"ann@office.test"_s, u"Ann Lee"_s, {u"Team"_s},
                               {resource(u"desk"_s, PresenceStatus::Online)}),
                       contact(u"bob@office.test"_s, u"Robert"_s, {u"Team"_s, u"Board"_s}),
                       contact(u"carl@partner.test"_s, {}, {u"Board"_s},
                               {resource(u"phone"_s, PresenceStatus::ExtendedAway)}),
                       contact(u"dan@office.test"_s)});
    RosterFilterModel filter;
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    filter.setSourceModel(&model);
    CHECK(filter.rowCount() == 3);

    // By name, case-insensitive: groups without a match disappear.
    filter.setFilterText(u"  robERT "_s);
    CHECK(groupNames(filter) == QStringList{u"Board"_s, u"Team"_s});
    CHECK(jidsIn(filter, groupNamed(filter, u"Board"_s)) == QStringList{u"bob@office.test"_s});
    // By JID.
    filter.setFilterText(u"partner"_s);
    CHECK(groupNames(filter) == QStringList{u"Board"_s});
    CHECK(jidsIn(filter, groupNamed(filter, u"Board"_s)) == QStringList{u"carl@partner.test"_s});
    filter.setFilterText(u"nobody"_s);
    CHECK(filter.rowCount() == 0);
    filter.setFilterText({});
    CHECK(filter.rowCount() == 3);

    // Offline contacts hidden: away still counts as available.
    filter.setShowOffline(false);
    CHECK(groupNames(filter) == QStringList{u"Board"_s, u"Team"_s});
    CHECK(jidsIn(filter, groupNamed(filter, u"Team"_s)) == QStringList{u"ann@office.test"_s});
    CHECK(jidsIn(filter, groupNamed(filter, u"Board"_s)) == QStringList{u"carl@partner.test"_s});
    // A contact coming online appears, with its group.
    model.setResources(u"dan@office.test"_s, {resource(u"laptop"_s, PresenceStatus::Online)});
    CHECK(groupNames(filter) == QStringList{u"Board"_s, u"Team"_s, u"Contacts"_s});
    model.setResources(u"carl@partner.test"_s, {});
    CHECK(groupNames(filter) == QStringList{u"Team"_s, u"Contacts"_s});
    // Both filters at once.
    filter.setFilterText(u"dan"_s);
    CHECK(groupNames(filter) == QStringList{u"Contacts"_s});
    filter.setShowOffline(true);
    filter.setFilterText(u"o"_s);
    CHECK(groupNames(filter) == QStringList{u"Board"_s, u"Team"_s, u"Contacts"_s});
}
