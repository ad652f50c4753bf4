trigger LeadTrigger on Lead(
    before update,
    after insert,
    after update,
    after delete,
    after undelete
) {
    new LeadSyncTriggerHandler().run();
}
