import { LightningElement } from 'lwc';

export default class NoConfig extends LightningElement {}
