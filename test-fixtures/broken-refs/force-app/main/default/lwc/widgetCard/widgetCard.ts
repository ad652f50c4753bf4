import { LightningElement, api, wire } from 'lwc';
import listWidgets from '@salesforce/apex/WidgetService.listWidgets';
import listGadgets from '@salesforce/apex/WidgetService.listGadgets';
import COLOUR from '@salesforce/schema/Widget__c.Colour__c';
import WEIGHT from '@salesforce/schema/Widget__c.Weight__c';
import TITLE from '@salesforce/label/c.Widget_Title';
import SUBTITLE from '@salesforce/label/c.Widget_Subtitle';

export default class WidgetCard extends LightningElement {
  @api recordId?: string;
  fields = [COLOUR, WEIGHT];
  labels = { TITLE, SUBTITLE };
  @wire(listWidgets, { accountId: '$recordId' }) widgets: unknown;
  gadgets = listGadgets;
}
