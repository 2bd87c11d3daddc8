package checklist

import "github.com/ringfence/ringfence/checklist/inventory"

// The inventory model lives in its own package so that the leaver and call-record
// analyses can use it and still be used by the evaluators here. These aliases keep
// checklist.Inventory and friends the names the rest of the program uses.
type (
	Inventory      = inventory.Inventory
	Facet          = inventory.Facet
	SourceInfo     = inventory.SourceInfo
	Gap            = inventory.Gap
	PBX            = inventory.PBX
	Component      = inventory.Component
	ExtensionType  = inventory.ExtensionType
	Extension      = inventory.Extension
	Forward        = inventory.Forward
	PINVerdict     = inventory.PINVerdict
	PINJudgement   = inventory.PINJudgement
	Mailbox        = inventory.Mailbox
	DeviceKind     = inventory.DeviceKind
	Device         = inventory.Device
	MFAState       = inventory.MFAState
	AdminAccount   = inventory.AdminAccount
	DiallingPolicy = inventory.DiallingPolicy
	Trunk          = inventory.Trunk
	Call           = inventory.Call
	StaffMember    = inventory.StaffMember
)

const (
	FacetExtensions = inventory.FacetExtensions
	FacetVoicemail  = inventory.FacetVoicemail
	FacetDevices    = inventory.FacetDevices
	FacetAdmins     = inventory.FacetAdmins
	FacetDialling   = inventory.FacetDialling
	FacetTrunks     = inventory.FacetTrunks
	FacetCalls      = inventory.FacetCalls
	FacetStaff      = inventory.FacetStaff
	FacetPBX        = inventory.FacetPBX

	ExtUser    = inventory.ExtUser
	ExtShared  = inventory.ExtShared
	ExtQueue   = inventory.ExtQueue
	ExtService = inventory.ExtService

	PINUnset           = inventory.PINUnset
	PINDefault         = inventory.PINDefault
	PINEqualsExtension = inventory.PINEqualsExtension
	PINWeak            = inventory.PINWeak
	PINOK              = inventory.PINOK
	PINUnknown         = inventory.PINUnknown

	DeviceDeskPhone = inventory.DeviceDeskPhone
	DeviceDECT      = inventory.DeviceDECT
	DeviceSoftphone = inventory.DeviceSoftphone
	DeviceATA       = inventory.DeviceATA
	DeviceGateway   = inventory.DeviceGateway
	DevicePBX       = inventory.DevicePBX

	MFAEnabled  = inventory.MFAEnabled
	MFADisabled = inventory.MFADisabled
	MFAUnknown  = inventory.MFAUnknown
)
