trigger LeadChangeEventTrigger on LeadChangeEvent(after insert) {
    new LeadChangeEventHandler().run();
}
