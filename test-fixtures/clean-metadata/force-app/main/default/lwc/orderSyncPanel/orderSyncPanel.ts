import { LightningElement, api } from 'lwc';

export default class OrderSyncPanel extends LightningElement {
    @api recordId?: string;
}
