// The baseline: an empty cdktf app with one empty stack, synthesised the same way as Rampart's.
const { App, TerraformStack } = require('cdktf');
const app = new App();
new TerraformStack(app, 'empty');
app.synth();
